package io.quarkiverse.dataprotection.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodParameterInfo;

import io.quarkiverse.dataprotection.Protector;

/**
 * Reads the purposes of {@code @Protector} injection points (fields and method or constructor parameters) from
 * annotation instances, and explains invalid ones by class and member. Producer methods carrying the qualifier are
 * not injection points and are skipped.
 */
final class ProtectorInjectionPoints {

    static final DotName PROTECTOR = DotName.createSimple(Protector.class.getName());
    static final String CHAIN_SEPARATOR = " > ";

    private ProtectorInjectionPoints() {
    }

    /**
     * The sorted, distinct valid purpose chains, and a message per invalid injection point.
     *
     * @param chains each valid chain joined with {@code " > "}, sorted
     * @param errors one message per invalid injection point, sorted
     */
    record Scan(List<String> chains, List<String> errors) {
    }

    static Scan scan(Collection<AnnotationInstance> annotations) {
        TreeSet<String> chains = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        for (AnnotationInstance annotation : annotations) {
            AnnotationTarget target = annotation.target();
            if (target == null || (target.kind() != AnnotationTarget.Kind.FIELD
                    && target.kind() != AnnotationTarget.Kind.METHOD_PARAMETER)) {
                continue;
            }
            AnnotationValue value = annotation.value();
            String[] purposes = value == null ? new String[0] : value.asStringArray();
            Optional<String> problem = Protector.Purposes.problem(purposes);
            if (problem.isPresent()) {
                errors.add("@Protector on " + describe(target) + " " + problem.get() + "; " + Protector.Purposes.FIX);
            } else {
                chains.add(String.join(CHAIN_SEPARATOR, purposes));
            }
        }
        errors.sort(null);
        return new Scan(List.copyOf(chains), List.copyOf(errors));
    }

    static String describe(AnnotationTarget target) {
        if (target.kind() == AnnotationTarget.Kind.FIELD) {
            return target.asField().declaringClass().name() + "#" + target.asField().name();
        }
        MethodParameterInfo parameter = target.asMethodParameter();
        String method = parameter.method().name();
        String parameterName = parameter.name() != null ? parameter.name() : "arg" + parameter.position();
        return parameter.method().declaringClass().name() + "#"
                + ("<init>".equals(method) ? parameter.method().declaringClass().simpleName() : method)
                + "(" + parameterName + ")";
    }
}
