package dev.payafter.tools;

import dev.payafter.internal.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads recorded requests: a JSON object ({@code .json}, one request), JSON Lines ({@code .jsonl}/{@code .ndjson},
 * one object per line) or CSV ({@code .csv}, a header row of field names, then one request per row). Field names and
 * values are those of the scenario tables plus {@code kind} and {@code profile} (see rules/README.md). JSON values
 * may be strings, numbers (read exactly), booleans, null (not given) or arrays (joined with {@code |}).
 */
final class RequestFiles {
    private RequestFiles() {
    }

    /** One record: its line and fields, or the reason it could not be read. */
    record Record(int line, Map<String, String> fields, String error) {
    }

    /** A source of records, read one at a time. */
    interface Reader extends AutoCloseable {
        /** The next record, or null at the end. */
        Record next() throws IOException;

        @Override
        void close() throws IOException;
    }

    static Reader open(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        if (name.endsWith(".csv")) {
            return new CsvReader(in);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return new JsonLinesReader(in, name.endsWith(".json"));
        }
        in.close();
        throw new IOException(file + ": unknown request file type; use .json, .jsonl (JSON Lines) or .csv");
    }

    /** The single record of a file (the explain request). */
    static Map<String, String> single(Path file) throws IOException {
        try (Reader reader = open(file)) {
            Record record = reader.next();
            if (record == null) {
                throw new IOException(file + ": no request in the file");
            }
            if (record.error() != null) {
                throw new IOException(file + ":" + record.line() + ": " + record.error());
            }
            Record more = reader.next();
            if (more != null) {
                throw new IOException(file + ":" + more.line() + ": more than one request; explain takes one");
            }
            return record.fields();
        }
    }

    static Map<String, String> fieldsOf(Map<?, ?> object) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : object.entrySet()) {
            fields.put(String.valueOf(e.getKey()), text(e.getValue()));
        }
        return fields;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(text(v)));
            return String.join("|", parts);
        }
        return value.toString();
    }

    private static final class JsonLinesReader implements Reader {
        private final BufferedReader in;
        private final boolean whole;
        private int line;
        private boolean done;

        JsonLinesReader(BufferedReader in, boolean whole) {
            this.in = in;
            this.whole = whole;
        }

        @Override
        public Record next() throws IOException {
            if (done) {
                return null;
            }
            String text;
            if (whole) {
                StringBuilder all = new StringBuilder();
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    all.append(l).append('\n');
                }
                done = true;
                text = all.toString();
                line = 1;
                if (text.isBlank()) {
                    return null;
                }
            } else {
                do {
                    text = in.readLine();
                    line++;
                } while (text != null && text.isBlank());
                if (text == null) {
                    done = true;
                    return null;
                }
            }
            try {
                Object value = Json.parse(text);
                if (!(value instanceof Map<?, ?> map)) {
                    return new Record(line, Map.of(), "a request is a JSON object");
                }
                return new Record(line, fieldsOf(map), null);
            } catch (IllegalArgumentException e) {
                return new Record(line, Map.of(), e.getMessage());
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class CsvReader implements Reader {
        private final BufferedReader in;
        private List<String> header;
        private int line;

        CsvReader(BufferedReader in) {
            this.in = in;
        }

        @Override
        public Record next() throws IOException {
            while (true) {
                String text = in.readLine();
                line++;
                if (text == null) {
                    return null;
                }
                if (text.isBlank()) {
                    continue;
                }
                List<String> cells;
                try {
                    List<List<String>> rows = Csv.parse(text);
                    cells = rows.isEmpty() ? List.of() : rows.get(0);
                } catch (IllegalArgumentException e) {
                    return new Record(line, Map.of(), "a quoted field is never closed (a field may not span lines)");
                }
                if (header == null) {
                    header = cells.stream().map(String::strip).toList();
                    continue;
                }
                if (cells.size() > header.size()) {
                    return new Record(line, Map.of(), cells.size() + " fields but the header has " + header.size());
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    fields.put(header.get(i), i < cells.size() ? cells.get(i) : "");
                }
                return new Record(line, fields, null);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
