package io.quarkiverse.dataprotection;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

/**
 * Injects a {@link DataProtector} for a purpose chain: {@code @Inject @Protector("auth-cookie") DataProtector p;}
 * or, for a chain, {@code @Protector({"orders", "v2"})}. The application name is always the root of the chain.
 * <p>
 * The purposes are {@link Nonbinding}: one producer serves every injection point and reads them from it. Their rule
 * (at least one, none blank) is {@link Purposes}'s, which every container adapter checks.
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({ FIELD, METHOD, PARAMETER, TYPE })
public @interface Protector {

    /** The purpose chain, outermost first. Must not be empty and no purpose may be blank. */
    @Nonbinding
    String[] value();

    /** For programmatic lookup: {@code CDI.current().select(DataProtector.class, Protector.Literal.of("a"))}. */
    final class Literal extends AnnotationLiteral<Protector> implements Protector {

        private static final long serialVersionUID = 1L;

        private final String[] value;

        private Literal(String[] value) {
            this.value = value.clone();
        }

        public static Literal of(String purpose, String... subPurposes) {
            String[] chain = new String[subPurposes.length + 1];
            chain[0] = purpose;
            System.arraycopy(subPurposes, 0, chain, 1, subPurposes.length);
            return new Literal(chain);
        }

        @Override
        public String[] value() {
            return value.clone();
        }
    }

    /**
     * The rule for the purpose chain of a {@code @Protector}, checked once here for every container adapter (Quarkus
     * at build time, the portable CDI extension at deployment, and both for programmatic lookups): at least one
     * purpose, and none null or blank. {@link DataProtectionProvider#createProtector} itself accepts any non-null
     * purpose, as ASP.NET Core does; the annotation is stricter because a blank purpose there is always a mistake.
     * <p>
     * Stateless and thread-safe.
     */
    final class Purposes {

        /** How to fix an invalid chain, for adapters that name the injection point themselves. */
        public static final String FIX = "every purpose must be non-blank text, such as @Protector(\"auth-cookie\")";

        private Purposes() {
        }

        /**
         * What is wrong with {@code purposes}, as a phrase to follow the injection point's name: {@code "has no
         * purpose"} or {@code "has a blank purpose at position 1"}; empty when the chain is valid.
         */
        public static Optional<String> problem(String... purposes) {
            if (purposes == null || purposes.length == 0) {
                return Optional.of("has no purpose");
            }
            for (int i = 0; i < purposes.length; i++) {
                if (purposes[i] == null || purposes[i].isBlank()) {
                    return Optional.of("has a blank purpose at position " + i);
                }
            }
            return Optional.empty();
        }

        /**
         * {@code purposes} when valid.
         *
         * @throws IllegalArgumentException naming the chain, what is wrong and the fix
         */
        public static String[] requireValid(String... purposes) {
            Optional<String> problem = problem(purposes);
            if (problem.isPresent()) {
                throw new IllegalArgumentException("@Protector" + Arrays.toString(purposes) + " " + problem.get()
                        + "; " + FIX);
            }
            return purposes.clone();
        }
    }
}
