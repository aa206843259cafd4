/**
 * The relational database key store: {@link io.quarkiverse.dataprotection.jdbc.JdbcXmlRepository} keeps the key ring in
 * the table ASP.NET Core's Entity Framework Core store ({@code PersistKeysToDbContext}) maps, over any
 * {@link javax.sql.DataSource}, with exactly-once key creation and change propagation.
 */
package io.quarkiverse.dataprotection.jdbc;
