package io.quarkiverse.dataprotection.cdi;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.util.Optional;

import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedParameter;
import jakarta.enterprise.inject.spi.InjectionPoint;

import io.quarkiverse.dataprotection.Protector;

/**
 * Reads the purpose chain of a {@link Protector} injection point and checks it with core's rule
 * ({@link Protector.Purposes}), naming the member.
 */
final class ProtectorPurposes {

    private ProtectorPurposes() {
    }

    static Optional<Protector> find(InjectionPoint injectionPoint) {
        for (Annotation qualifier : injectionPoint.getQualifiers()) {
            if (qualifier instanceof Protector protector) {
                return Optional.of(protector);
            }
        }
        return Optional.empty();
    }

    /**
     * The purposes, outermost first.
     *
     * @throws IllegalArgumentException when there is no {@link Protector} qualifier or a purpose is blank
     */
    static String[] of(InjectionPoint injectionPoint) {
        Optional<String> problem = problem(injectionPoint);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
        return find(injectionPoint).orElseThrow().value();
    }

    /** What is wrong with the injection point's purposes, or empty when they are fine. */
    static Optional<String> problem(InjectionPoint injectionPoint) {
        Optional<Protector> protector = find(injectionPoint);
        if (protector.isEmpty()) {
            return Optional.of("A DataProtector injected at " + describe(injectionPoint)
                    + " needs a purpose: add @Protector(\"<purpose>\")");
        }
        return Protector.Purposes.problem(protector.get().value())
                .map(problem -> "@Protector at " + describe(injectionPoint) + " " + problem + "; "
                        + Protector.Purposes.FIX);
    }

    /** Names the injection point's member, such as {@code com.acme.Login.protector} or a parameter of it. */
    static String describe(InjectionPoint injectionPoint) {
        Member member = injectionPoint.getMember();
        if (member == null) {
            return "a programmatic lookup of " + injectionPoint.getType().getTypeName();
        }
        String name = member.getDeclaringClass().getName()
                + (member instanceof Constructor ? " constructor" : "." + member.getName());
        Annotated annotated = injectionPoint.getAnnotated();
        if (annotated instanceof AnnotatedParameter<?> parameter) {
            return name + " (parameter " + parameter.getPosition() + ")";
        }
        return name;
    }
}
