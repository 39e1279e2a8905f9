package io.herald.api.paging;

import io.herald.core.errors.HeraldException;
import io.herald.core.store.Page;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.function.Function;

/**
 * One page of any list in the API: {@code ?cursor=&limit=} in, {@code {"items": [...], "next": ...}} out. Pass
 * {@code next} back as {@code cursor} for the following page; it is null on the last page.
 */
@RegisterForReflection
public record ListPage<T>(
        @Schema(description = "This page's items") List<T> items,
        @Schema(description = "Cursor of the next page (pass it as ?cursor=), or null on the last page", nullable = true,
                examples = "eyJwayI6IlQjZGVtbyNDQU1QQUlHTlMiLCJzayI6IkMjMDAxIn0") String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public static <S, T> ListPage<T> of(Page<S> page, Function<S, T> view) {
        return new ListPage<>(page.items().stream().map(view).toList(), page.next());
    }

    public static <T> ListPage<T> of(Page<T> page) {
        return new ListPage<>(page.items(), page.next());
    }

    /** The page size a caller asked for: {@value #DEFAULT_LIMIT} when absent, 1 to {@value #MAX_LIMIT}. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw HeraldException.invalid("limit: must be between 1 and " + MAX_LIMIT + " (was " + requested + ")");
        }
        return requested;
    }
}
