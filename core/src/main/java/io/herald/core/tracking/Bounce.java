package io.herald.core.tracking;

/** Whether a bounce means the address is gone for good (and joins the suppression list) or may work later. */
public enum Bounce {
    hard, soft
}
