package io.redisinternals.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the test once per server configuration and RESP version; the method takes (String config, int resp). */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "[{0}, RESP{1}]")
@MethodSource("io.redisinternals.conformance.ServerUnderTest#configurationsAndProtocols")
public @interface AllConfigurationsBothProtocols {
}
