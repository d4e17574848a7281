package dev.backbone.etl.batch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads warehouse rows as comparable strings. */
final class WarehouseQueries {

    private final String url;

    WarehouseQueries(String url) {
        this.url = url;
    }

    List<String> rows(String sql, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "backbone", "")) {
            try (var s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
            }
            try (PreparedStatement query = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    query.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = query.executeQuery()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    List<String> rows = new ArrayList<>();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int col = 1; col <= meta.getColumnCount(); col++) {
                            row.append(col > 1 ? " | " : "").append(rs.getString(col));
                        }
                        rows.add(row.toString());
                    }
                    return rows;
                }
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "backbone", ""); var s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
