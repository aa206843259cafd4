package io.quarkiverse.dataprotection;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

/**
 * Injects a {@link DataProtector} for a purpose chain: {@code @Inject @Protector("auth-cookie") DataProtector p;}
 * or, for a chain, {@code @Protector({"orders", "v2"})}. The application name is always the root of the chain.
 * <p>
 * The purposes are {@link Nonbinding}: one producer serves every injection point and reads them from it.
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
}
