package io.herald.api.testing;

import io.quarkus.test.common.QuarkusTestResource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on every {@code @QuarkusTest} of the api: all share one application and one set of servers, so the
 * application boots once per test run.
 */
@QuarkusTestResource(value = HeraldTestResources.class, restrictToAnnotatedClass = false)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface HeraldStack {
}
