package io.quarkiverse.dataprotection.aspnetcore.auth.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/** Build steps of the ASP.NET Core cookie authentication extension: the mechanism, its identity provider and beans. */
class DataProtectionAspNetCoreAuthProcessor {

    static final String FEATURE = "data-protection-aspnetcore-auth";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem beans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses("io.quarkiverse.dataprotection.aspnetcore.auth.runtime.CookieAuthService",
                        "io.quarkiverse.dataprotection.aspnetcore.auth.runtime.AspNetCoreCookieAuthenticationMechanism",
                        "io.quarkiverse.dataprotection.aspnetcore.auth.runtime.AspNetCoreCookieIdentityProvider",
                        "io.quarkiverse.dataprotection.aspnetcore.auth.runtime.CookieSignIn")
                .setUnremovable()
                .build();
    }
}
