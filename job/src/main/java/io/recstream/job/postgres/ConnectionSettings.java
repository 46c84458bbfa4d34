package io.recstream.job.postgres;

import org.postgresql.ds.PGSimpleDataSource;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;

/** Where the committer connects to. A data source rather than DriverManager, which does not see drivers in Flink's user class loader. */
record ConnectionSettings(String url, String user, String password) implements Serializable {

    Connection connect() throws SQLException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        source.setUser(user);
        source.setPassword(password);
        return source.getConnection();
    }

    @Override
    public String toString() {
        return url + " as " + user; // never the password
    }
}
