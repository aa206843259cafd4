package io.quarkiverse.dataprotection.cdi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.literal.NamedLiteral;

/**
 * The application's beans that replace or extend what the configuration chooses (a store, key encryptors and
 * decryptors, a Redis client, an Azure credential). Dependent instances obtained here live as long as the provider
 * and are destroyed by {@link #close()}; normal-scoped ones belong to their context and are never destroyed here.
 * <p>
 * Not thread-safe: used while the provider is assembled, then closed once.
 * <p>
 * Without a container ({@link #withoutContainer}, for tools that open a key ring from the configuration alone) there
 * are no beans: the configuration decides everything, and the tool itself supplies the datasources.
 */
final class ApplicationBeans implements AutoCloseable {

    private final Instance<Object> beans;
    private final Function<String, Optional<DataSource>> toolDataSources;
    private final List<Instance.Handle<?>> dependents = new ArrayList<>();

    ApplicationBeans(Instance<Object> beans) {
        this(beans, name -> Optional.empty());
    }

    private ApplicationBeans(Instance<Object> beans, Function<String, Optional<DataSource>> toolDataSources) {
        this.beans = beans;
        this.toolDataSources = toolDataSources;
    }

    /**
     * No application beans at all; never touches the CDI API, so it works without it on the class path.
     *
     * @param dataSources the datasource of a name ({@code null} for the default one), or empty when there is none
     */
    static ApplicationBeans withoutContainer(Function<String, Optional<DataSource>> dataSources) {
        return new ApplicationBeans(null, dataSources);
    }

    /**
     * The {@link DataSource} bean named {@code name} ({@code @Named}), or with the default qualifier when
     * {@code name} is {@code null}; empty when there is none.
     *
     * @throws IllegalArgumentException when there are several, naming them
     */
    Optional<DataSource> dataSource(String name) {
        if (beans == null) {
            return toolDataSources.apply(name);
        }
        if (name == null) {
            return unique(DataSource.class, "the data protection key store (key-store=jdbc)");
        }
        Instance<DataSource> candidates = beans.select(DataSource.class, NamedLiteral.of(name));
        if (candidates.isUnsatisfied()) {
            return Optional.empty();
        }
        if (candidates.isAmbiguous()) {
            throw new IllegalArgumentException("The application has several beans of type javax.sql.DataSource "
                    + "@Named(\"" + name + "\") (" + beanClasses(candidates) + "), and the data protection key store "
                    + "needs exactly one");
        }
        return Optional.of(get(candidates.getHandle()));
    }

    /**
     * The one bean of {@code type} with the default qualifier, or empty when there is none.
     *
     * @throws IllegalArgumentException when there are several, naming them
     */
    <T> Optional<T> unique(Class<T> type, String use) {
        if (beans == null) {
            return Optional.empty();
        }
        Instance<T> candidates = beans.select(type);
        if (candidates.isUnsatisfied()) {
            return Optional.empty();
        }
        if (candidates.isAmbiguous()) {
            throw new IllegalArgumentException("The application has several beans of type " + type.getName() + " ("
                    + beanClasses(candidates) + "), and " + use + " needs exactly one; make one of them an "
                    + "enabled @Alternative, or give the others a qualifier");
        }
        return Optional.of(get(candidates.getHandle()));
    }

    /** Every bean of {@code type}, whatever its qualifiers, ordered by bean class name so the order is stable. */
    <T> List<T> all(Class<T> type) {
        if (beans == null) {
            return List.of();
        }
        List<Instance.Handle<T>> handles = new ArrayList<>();
        beans.select(type, Any.Literal.INSTANCE).handles().forEach(handles::add);
        handles.sort(Comparator.comparing(handle -> handle.getBean().getBeanClass().getName()));
        return handles.stream().map(this::get).collect(Collectors.toList());
    }

    /** Destroys the dependent instances obtained, in reverse order. */
    @Override
    public void close() {
        for (int i = dependents.size() - 1; i >= 0; i--) {
            dependents.get(i).destroy();
        }
        dependents.clear();
    }

    private <T> T get(Instance.Handle<T> handle) {
        T instance = handle.get();
        if (handle.getBean().getScope() == Dependent.class) {
            dependents.add(handle);
        }
        return instance;
    }

    private static String beanClasses(Instance<?> candidates) {
        List<String> names = new ArrayList<>();
        candidates.handles().forEach(handle -> names.add(handle.getBean().getBeanClass().getName()));
        names.sort(null);
        return String.join(", ", names);
    }
}
