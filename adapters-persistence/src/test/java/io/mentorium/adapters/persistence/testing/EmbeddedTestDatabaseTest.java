package io.mentorium.adapters.persistence.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedTestDatabaseTest {

    @Test
    void everyCallGivesANewEmptyDatabaseOnTheSameServer() throws SQLException {
        TestDatabase.Database first = TestDatabase.freshDatabase();
        TestDatabase.Database second = TestDatabase.freshDatabase();

        assertThat(first.name()).isNotEqualTo(second.name());
        assertThat(first.jdbcUrl()).endsWith("/" + first.name());
        assertThat(first.user()).isEqualTo("postgres");
        try (Connection c = first.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE only_here (id int)");
        }
        try (Connection c = second.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
        assertThat(second.jdbcUrl()).contains(":" + TestDatabase.server().port() + "/");
    }
}
