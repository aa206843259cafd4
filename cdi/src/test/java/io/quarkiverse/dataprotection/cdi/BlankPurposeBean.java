package io.quarkiverse.dataprotection.cdi;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import io.quarkiverse.dataprotection.DataProtector;
import io.quarkiverse.dataprotection.Protector;

/** An invalid injection point: the deployment must fail and name it. */
@Dependent
public class BlankPurposeBean {

    @Inject
    @Protector({ "orders", " " })
    DataProtector protector;
}
