package io.quarkiverse.dataprotection.cdi;

import jakarta.enterprise.context.Dependent;

/** A bean of an application that has data protection on its class path but does not use it. */
@Dependent
public class UnrelatedBean {
}
