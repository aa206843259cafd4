package io.quarkiverse.dataprotection.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkiverse.dataprotection.spi.StoredElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository.NewElement;
import io.quarkiverse.dataprotection.spi.VersionedXmlRepository.VersionedElements;
import io.quarkiverse.dataprotection.spi.XmlRepositoryException;

/**
 * Every store operation reaches the delegate with its arguments, inside the hook and once, and returns the delegate's
 * answer; the other methods reach the delegate outside the hook; and no method of the SPI is left to an interface
 * default.
 */
class ForwardingVersionedXmlRepositoryTest {

    private static final List<StoredElement> ELEMENTS = List.of(new StoredElement("k1", "<key id=\"1\" />"));
    private static final List<NewElement> NEW = List.of(new NewElement("<key id=\"2\" />", "k2"));
    private static final VersionedElements VERSIONED = new VersionedElements(ELEMENTS, "v7");

    /** A store operation, what the delegate must have been called with, and what it must return. */
    private record Operation(String name, Function<VersionedXmlRepository, Object> call, String expectedCall,
            Object expectedResult) {
    }

    private static final List<Operation> STORE_OPERATIONS = List.of(
            new Operation("readAll", VersionedXmlRepository::readAll, "readAll()", ELEMENTS),
            new Operation("readVersioned", VersionedXmlRepository::readVersioned, "readVersioned()", VERSIONED),
            new Operation("version", VersionedXmlRepository::version, "version()", "v7"),
            new Operation("add", store -> {
                store.add("<key id=\"3\" />", "k3");
                return null;
            }, "add(<key id=\"3\" />, k3)", null),
            new Operation("addIfVersion", store -> store.addIfVersion("v7", "<key id=\"4\" />", "k4"),
                    "addIfVersion(v7, <key id=\"4\" />, k4)", true),
            new Operation("addAllIfVersion", store -> store.addAllIfVersion("v6", NEW), "addAllIfVersion(v6, " + NEW + ")",
                    false),
            new Operation("remove", store -> {
                store.remove(ELEMENTS);
                return null;
            }, "remove(" + ELEMENTS + ")", null));

    @TestFactory
    Stream<DynamicTest> storeOperation_reachesTheDelegateInsideTheHookOnce_andReturnsItsAnswer() {
        return STORE_OPERATIONS.stream().map(operation -> DynamicTest.dynamicTest(operation.name(), () -> {
            Recording delegate = new Recording();
            Wrapper wrapper = new Wrapper(delegate);

            Object result = operation.call().apply(wrapper);

            assertThat(delegate.calls).containsExactly("inside: " + operation.expectedCall());
            assertThat(wrapper.hookRuns).isEqualTo(1);
            assertThat(wrapper.delegateLookups).as("delegate() looked up inside the hook").containsExactly(true);
            assertThat(result).isEqualTo(operation.expectedResult());
        }));
    }

    @TestFactory
    Stream<DynamicTest> storeOperation_failsWithWhatTheHookMakesOfTheDelegatesFailure() {
        return STORE_OPERATIONS.stream().map(operation -> DynamicTest.dynamicTest(operation.name(), () -> {
            Recording delegate = new Recording();
            delegate.failure = new XmlRepositoryException("store down");
            Wrapper wrapper = new Wrapper(delegate);

            assertThatThrownBy(() -> operation.call().apply(wrapper)).isInstanceOf(XmlRepositoryException.class)
                    .hasMessage("explained: store down").hasCause(delegate.failure);
        }));
    }

    @Test
    void subscribeIsPersistentDescriptionAndToString_areTheDelegates_outsideTheHook() throws Exception {
        Recording delegate = new Recording();
        Wrapper wrapper = new Wrapper(delegate);
        Runnable listener = () -> {
        };

        AutoCloseable subscription = wrapper.subscribe(listener);
        assertThat(delegate.listeners).containsExactly(listener);
        subscription.close();
        assertThat(delegate.listeners).as("the delegate's subscription was returned").isEmpty();
        assertThat(delegate.calls).containsExactly("outside: subscribe", "outside: unsubscribe");
        assertThat(wrapper.isPersistent()).as("not the interface default").isFalse();
        assertThat(wrapper.description()).isEqualTo("recording-store");
        assertThat(wrapper.toString()).isEqualTo("Recording[recording-store]");
        assertThat(wrapper.hookRuns).isZero();
    }

    @Test
    void everyMethodOfTheSpi_isDeclaredByTheBase_soNoneFallsToAnInterfaceDefault() {
        for (Method method : VersionedXmlRepository.class.getMethods()) {
            assertThat(declares(method)).as(method.toString()).isTrue();
        }
    }

    private static boolean declares(Method method) {
        try {
            ForwardingVersionedXmlRepository.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Counts the hook's runs, marks the calls made inside it, and explains failures as an around hook may. */
    private static final class Wrapper extends ForwardingVersionedXmlRepository {
        private final Recording delegate;
        int hookRuns;
        final List<Boolean> delegateLookups = new ArrayList<>();

        Wrapper(Recording delegate) {
            this.delegate = delegate;
        }

        @Override
        protected VersionedXmlRepository delegate() {
            delegateLookups.add(delegate.inside);
            return delegate;
        }

        @Override
        protected <T> T around(Supplier<T> operation) {
            hookRuns++;
            delegate.inside = true;
            try {
                return operation.get();
            } catch (XmlRepositoryException e) {
                throw new XmlRepositoryException("explained: " + e.getMessage(), e);
            } finally {
                delegate.inside = false;
            }
        }
    }

    /** Records each call with its arguments and whether it came inside the hook; answers with fixed values. */
    private static final class Recording implements VersionedXmlRepository {
        final List<String> calls = new ArrayList<>();
        final List<Runnable> listeners = new ArrayList<>();
        boolean inside;
        XmlRepositoryException failure;

        private void record(String call) {
            calls.add((inside ? "inside: " : "outside: ") + call);
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public List<StoredElement> readAll() {
            record("readAll()");
            return ELEMENTS;
        }

        @Override
        public VersionedElements readVersioned() {
            record("readVersioned()");
            return VERSIONED;
        }

        @Override
        public String version() {
            record("version()");
            return "v7";
        }

        @Override
        public void add(String xml, String friendlyName) {
            record("add(" + xml + ", " + friendlyName + ")");
        }

        @Override
        public boolean addIfVersion(String expectedVersion, String xml, String friendlyName) {
            record("addIfVersion(" + expectedVersion + ", " + xml + ", " + friendlyName + ")");
            return true;
        }

        @Override
        public boolean addAllIfVersion(String expectedVersion, List<NewElement> elements) {
            record("addAllIfVersion(" + expectedVersion + ", " + elements + ")");
            return false;
        }

        @Override
        public void remove(Collection<StoredElement> elements) {
            record("remove(" + elements + ")");
        }

        @Override
        public AutoCloseable subscribe(Runnable listener) {
            record("subscribe");
            listeners.add(listener);
            return () -> {
                record("unsubscribe");
                listeners.remove(listener);
            };
        }

        @Override
        public boolean isPersistent() {
            return false;
        }

        @Override
        public String description() {
            return "recording-store";
        }

        @Override
        public String toString() {
            return "Recording[recording-store]";
        }
    }
}
