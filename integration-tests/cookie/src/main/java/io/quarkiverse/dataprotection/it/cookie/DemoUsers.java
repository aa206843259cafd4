package io.quarkiverse.dataprotection.it.cookie;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The example's user table: what an ASP.NET Core Identity store would hold (id, roles, e-mail, security stamp). */
final class DemoUsers {

    record User(String name, String password, String id, String email, String securityStamp, Set<String> roles) {
    }

    private static final Map<String, User> USERS = Map.of(
            "alice", new User("alice", "alice-password", "0f8fad5b-d9cb-469f-a165-70867728950e", "alice@example.com",
                    "JTCJ5GHQ3ZMZCXMQ6FUDQ4RX4JZB2XNS", Set.of("admin", "user")),
            "bob", new User("bob", "bob-password", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "bob@example.com",
                    "ZL2IQZQXDW3J7CZ7J2XSW3GQDSMXIXTY", Set.of("user")));

    private DemoUsers() {
    }

    static Optional<User> find(String name) {
        return Optional.ofNullable(USERS.get(name));
    }
}
