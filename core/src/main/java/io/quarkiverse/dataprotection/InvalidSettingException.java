package io.quarkiverse.dataprotection;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A setting breaks a rule: thrown by the builders and settings records of this library, each rule checked in one
 * place. The setting is named as the builder method or record component that takes it ({@code keyLifetime},
 * {@code masterName}), and the rule may refer to other settings as {@code {name}}, so that an adapter naming its own
 * properties (the Quarkus extension, the CDI extension) can say the same thing in its own words with
 * {@link #describe(UnaryOperator)}:
 *
 * <pre>{@code
 * catch (InvalidSettingException e) {
 *     throw new ConfigurationException(e.describe(name -> "quarkus.data-protection." + PROPERTIES.get(name)), e);
 * }
 * }</pre>
 *
 * {@link #getMessage()} is the description with the names as they are: {@code Invalid keyLifetime=PT24H: a key
 * lifetime must be at least 7 days (ASP.NET Core's minimum)}. The value is printed as given; callers never pass a
 * secret (a password, a URI with credentials) as the value.
 * <p>
 * Immutable.
 */
public final class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private static final Pattern REFERENCE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final String setting;
    private final String value;
    private final String rule;

    private InvalidSettingException(String setting, String value, String rule) {
        super(describe(setting, value, rule, UnaryOperator.identity()));
        this.setting = setting;
        this.value = value;
        this.rule = rule;
    }

    /**
     * {@code setting} has a value that breaks {@code rule}.
     *
     * @param setting the builder method or record component, e.g. {@code keyLifetime}
     * @param value the offending value; never a secret
     * @param rule the rule and the fix, e.g. {@code "it must be positive, for example PT5M"}; may name other settings
     *        as {@code {name}}
     */
    public static InvalidSettingException invalid(String setting, Object value, String rule) {
        return new InvalidSettingException(Objects.requireNonNull(setting, "setting"), String.valueOf(value),
                Objects.requireNonNull(rule, "rule"));
    }

    /** {@code setting} has no value but needs one; {@code rule} says when and what to set. */
    public static InvalidSettingException missing(String setting, String rule) {
        return new InvalidSettingException(Objects.requireNonNull(setting, "setting"), null,
                Objects.requireNonNull(rule, "rule"));
    }

    /**
     * The one rule for durations that must be positive (periods, timeouts, retention).
     *
     * @param example a valid value for the message, such as {@code PT5M}
     * @return {@code value}
     * @throws InvalidSettingException when {@code value} is null, zero or negative
     */
    public static Duration requirePositive(String setting, Duration value, String example) {
        if (value == null) {
            throw missing(setting, "it must be a positive duration, for example " + example);
        }
        if (value.isZero() || value.isNegative()) {
            throw invalid(setting, value, "it must be positive, for example " + example);
        }
        return value;
    }

    /** The builder method or record component that has the offending value. */
    public String setting() {
        return setting;
    }

    /** The offending value as text; empty when the setting is missing. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** The rule with the names of other settings as they are. */
    public String rule() {
        return describeRule(rule, UnaryOperator.identity());
    }

    /**
     * This failure with every setting named by {@code names}: {@code Invalid <name>=<value>: <rule>} or
     * {@code Missing <name>: <rule>}.
     *
     * @param names maps a builder method or record component to the adapter's name for it; returns its argument
     *        for names it does not know
     */
    public String describe(UnaryOperator<String> names) {
        return describe(setting, value, rule, names);
    }

    private static String describe(String setting, String value, String rule, UnaryOperator<String> names) {
        String rendered = describeRule(rule, names);
        return value == null ? "Missing " + names.apply(setting) + ": " + rendered
                : "Invalid " + names.apply(setting) + "=" + value + ": " + rendered;
    }

    private static String describeRule(String rule, UnaryOperator<String> names) {
        Matcher matcher = REFERENCE.matcher(rule);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(names.apply(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
