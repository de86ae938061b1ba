package dev.payafter.tools;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.payafter.deduction.DeductionRequest;
import dev.payafter.eligibility.EligibilityRequest;
import dev.payafter.jackson.InvalidRequestJsonException;
import dev.payafter.jackson.PayAfterModule;
import dev.payafter.refund.RefundRequest;
import dev.payafter.PayAfterException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import dev.payafter.internal.Checks;
import dev.payafter.scenarios.RecordedRequests;
import dev.payafter.scenarios.ScenarioTableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads recorded requests: a JSON object ({@code .json}, one request), JSON Lines ({@code .jsonl}/{@code .ndjson},
 * one object per line) or CSV ({@code .csv}, a header row of field names, then one request per row). Field names and
 * values are those of the scenario tables plus {@code kind} and {@code profile} (see rules/README.md). JSON values
 * may be strings, numbers (read exactly as {@link BigDecimal}), booleans, null (not given) or arrays of strings and
 * numbers (joined with {@code |}).
 *
 * <p>Hostile files are bounded before anything is built from them: strict UTF-8 (a bad byte is reported with its
 * offset), a line at most {@value #MAX_LINE_BYTES} bytes and a {@code .json} file at most
 * {@value #MAX_JSON_FILE_BYTES}, JSON through Jackson with {@link Json#LIMITS} (nesting, number, string and name
 * length), and a number with more than {@value Checks#MAX_DIGITS} digits or an exponent beyond
 * 10^{@value Checks#MAX_DIGITS} refused before it is ever written out. Every problem is one
 * {@code file:line: field: value: why} line, with the file name and the value escaped and bounded.
 */
final class RequestFiles {
    /** The longest line of a JSON Lines or CSV file (one request). */
    static final int MAX_LINE_BYTES = 1 << 20;
    /** The largest {@code .json} file (one request). */
    static final int MAX_JSON_FILE_BYTES = 1 << 20;
    /** How many bad records a refusal lists. */
    static final int MAX_ERRORS_LISTED = 20;

    /** Reads a decision line's {@code request}: the library's Jackson module over the tools' limits. */
    private static final ObjectMapper REQUESTS = Json.mapperWith(new PayAfterModule());

    private RequestFiles() {
    }

    /**
     * One record: its line and fields (with the line of each field), or why it could not be read.
     *
     * @param error the whole message, {@code file:line: ...}, or null
     */
    record Record(int line, Map<String, String> fields, Map<String, Integer> fieldLines, String error,
            JsonNode request) {
        Record(int line, Map<String, String> fields, Map<String, Integer> fieldLines, String error) {
            this(line, fields, fieldLines, error, null);
        }

        static Record failed(int line, String error) {
            return new Record(line, Map.of(), Map.of(), error);
        }
    }

    /**
     * The members of a decision line besides {@code request} (rules/README.md, "Requests and decisions as JSON"):
     * read and ignored but for {@code kind}, {@code profile} and {@code decidedAt} (a deduction's now).
     */
    static final Set<String> LINE_MEMBERS = Set.of("decidedAt", "kind", "profile", "elapsedMicros",
            "servedByChallenger", "decision", "id", "name");

    /** A source of records, read one at a time. */
    interface Reader extends AutoCloseable {
        /** The next record, or null at the end. */
        Record next() throws IOException;

        @Override
        void close() throws IOException;
    }

    /** {@code file} as messages show it: control characters escaped. */
    static String name(Path file) {
        return Checks.escaped(String.valueOf(file));
    }

    static Reader open(Path file) throws IOException {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        boolean csv = name.endsWith(".csv");
        boolean jsonLines = name.endsWith(".jsonl") || name.endsWith(".ndjson");
        boolean json = name.endsWith(".json");
        if (!csv && !jsonLines && !json) {
            throw new RequestFileException(List.of(name(file)
                    + ": unknown request file type; use .json, .jsonl (JSON Lines) or .csv"));
        }
        Utf8Lines lines = new Utf8Lines(Files.newInputStream(file), MAX_LINE_BYTES);
        if (csv) {
            return new CsvReader(file, lines);
        }
        return json ? new WholeJsonReader(file, lines) : new JsonLinesReader(file, lines);
    }

    /**
     * The single record of a file (the explain request), read and checked.
     *
     * @throws RequestFileException if the file holds no request, more than one, or a bad one
     */
    static Record single(Path file) throws IOException {
        try (Reader reader = open(file)) {
            Record record = reader.next();
            if (record == null) {
                throw new RequestFileException(List.of(name(file) + ": no request in the file"));
            }
            Record more = reader.next();
            if (record.error() != null) {
                throw new RequestFileException(List.of(record.error()));
            }
            if (more != null) {
                throw new RequestFileException(List.of(name(file) + ":" + more.line()
                        + ": more than one request; explain takes one"));
            }
            try {
                parse(file, record);
            } catch (ScenarioTableException e) {
                throw new RequestFileException(List.of(e.getMessage()));
            }
            return record;
        }
    }

    /**
     * Reads and checks every record of a file, deciding nothing: each must be readable and describe a valid
     * request ({@link RecordedRequests#parse}).
     *
     * @return how many records the file holds
     * @throws RequestFileException listing the first {@value #MAX_ERRORS_LISTED} bad records, if any is bad
     */
    static long check(Path file) throws IOException {
        List<String> errors = new ArrayList<>();
        long bad = 0;
        long count = 0;
        try (Reader reader = open(file)) {
            for (Record record = reader.next(); record != null; record = reader.next()) {
                count++;
                String error = record.error();
                if (error == null) {
                    try {
                        parse(file, record);
                    } catch (ScenarioTableException e) {
                        error = e.getMessage();
                    }
                }
                if (error != null) {
                    bad++;
                    if (errors.size() < MAX_ERRORS_LISTED) {
                        errors.add(error);
                    }
                }
            }
        }
        if (bad > 0) {
            if (bad > errors.size()) {
                errors.add(name(file) + ": " + (bad - errors.size()) + " more bad requests not listed");
            }
            throw new RequestFileException(errors);
        }
        return count;
    }

    /** The record's request, checked. */
    static RecordedRequests.Parsed parse(Path file, Record record) {
        if (record.request() != null) {
            return parseLine(file, record);
        }
        return RecordedRequests.parse(record.fields(), record.fieldLines(), file, record.line());
    }

    /** A decision line's request, read by the Jackson module (the one JSON shape of requests) and checked. */
    private static RecordedRequests.Parsed parseLine(Path file, Record record) {
        String where = name(file) + ":" + record.line();
        String kind = record.fields().getOrDefault("kind", "").strip().toLowerCase(Locale.ROOT);
        Class<?> type = switch (kind) {
            case "eligibility" -> EligibilityRequest.class;
            case "refund" -> RefundRequest.class;
            case "deduction" -> DeductionRequest.class;
            default -> throw new ScenarioTableException(where + ": field kind: \""
                    + Checks.shown(record.fields().getOrDefault("kind", "")) + "\" is not one of ELIGIBILITY, REFUND,"
                    + " DEDUCTION");
        };
        Object request;
        try {
            request = REQUESTS.treeToValue(record.request(), type);
        } catch (InvalidRequestJsonException e) {
            throw new ScenarioTableException(where + ": request: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ScenarioTableException(where + ": request: " + bounded(e.getOriginalMessage()), e);
        }
        String now = record.fields().get("now");
        return RecordedRequests.recorded(kind, record.fields().getOrDefault("profile", ""), request,
                now == null || now.isBlank() ? null : now.strip(), file, record.line());
    }

    // ---- JSON ------------------------------------------------------------------------------------------------

    /** A JSON value that is not a request's (caught inside this class; never thrown out of it). */
    private static final class NotARequest extends PayAfterException {
        private static final long serialVersionUID = 1L;
        final int line;

        NotARequest(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /**
     * Reads one request object from {@code text}, whose first line is line {@code firstLine} of {@code file}.
     * Each field's value becomes text: a string as it is, a number written out exactly (once its size is checked),
     * a boolean as {@code true}/{@code false}, null as blank, an array of strings and numbers joined with |.
     */
    static Record parseObject(Path file, String text, int firstLine) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        JsonParser parser = null;
        JsonNode request = null;
        int objectLine = firstLine;
        try {
            parser = Json.parser(text);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new NotARequest(line(parser, firstLine), "a request is a JSON object ({\"kind\": ...})");
            }
            objectLine = line(parser, firstLine);
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                int line = line(parser, firstLine);
                if (fields.containsKey(name) || (name.equals("request") && request != null)) {
                    throw new NotARequest(line, "field \"" + Checks.shown(name) + "\" is given twice");
                }
                if ((name.equals("request") || name.equals("decision"))
                        && parser.nextToken() == JsonToken.START_OBJECT) {
                    if (name.equals("request")) {
                        request = parser.readValueAsTree();
                    } else {
                        parser.skipChildren(); // a decision line's decision: read past, not needed to decide again
                    }
                    lines.put(name, line);
                    continue;
                }
                fields.put(name, value(parser, name, firstLine));
                lines.put(name, line);
            }
            if (parser.nextToken() != null) {
                throw new NotARequest(line(parser, firstLine), "text after the request object");
            }
        } catch (NotARequest e) {
            return Record.failed(e.line, name(file) + ":" + e.line + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where != null && where.getLineNr() > 0 ? firstLine + where.getLineNr() - 1
                    : line(parser, firstLine);
            String field = fieldOf(parser);
            return Record.failed(line, name(file) + ":" + line + ": " + (field == null ? ""
                    : "field " + Checks.shown(field) + ": ") + "not valid JSON: " + bounded(e.getOriginalMessage()));
        } catch (IOException e) {
            return Record.failed(firstLine, name(file) + ":" + firstLine + ": " + bounded(e.getMessage()));
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException e) {
                    // a parser over a String holds nothing to release
                }
            }
        }
        if (request != null || lines.containsKey("decision")) {
            if (request == null) {
                return Record.failed(objectLine, name(file) + ":" + objectLine
                        + ": a decision line needs its request object");
            }
            for (String name : fields.keySet()) {
                if (!LINE_MEMBERS.contains(name)) {
                    return Record.failed(lines.getOrDefault(name, objectLine), name(file) + ":"
                            + lines.getOrDefault(name, objectLine) + ": field \"" + Checks.shown(name)
                            + "\" is not a member of a decision line (see rules/README.md)");
                }
            }
            String decidedAt = fields.get("decidedAt");
            if (decidedAt != null) {
                fields.put("now", decidedAt);
            }
            return new Record(objectLine, fields, lines, null, request);
        }
        return new Record(objectLine, fields, lines, null);
    }

    /** The field the parser is in, or null. */
    private static String fieldOf(JsonParser parser) {
        try {
            return parser == null ? null : parser.currentName();
        } catch (IOException e) {
            return null;
        }
    }

    private static int line(JsonParser parser, int firstLine) {
        if (parser == null) {
            return firstLine;
        }
        JsonLocation where = parser.currentTokenLocation();
        return where.getLineNr() > 0 ? firstLine + where.getLineNr() - 1 : firstLine;
    }

    private static String value(JsonParser parser, String name, int firstLine) throws IOException {
        JsonToken token = parser.currentToken() == JsonToken.FIELD_NAME ? parser.nextToken() : parser.currentToken();
        switch (token) {
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return number(parser, name, firstLine);
            case VALUE_TRUE:
                return "true";
            case VALUE_FALSE:
                return "false";
            case VALUE_NULL:
                return "";
            case START_ARRAY:
                List<String> parts = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    if (item == JsonToken.VALUE_STRING) {
                        parts.add(parser.getText());
                    } else if (item == JsonToken.VALUE_NUMBER_INT || item == JsonToken.VALUE_NUMBER_FLOAT) {
                        parts.add(number(parser, name, firstLine));
                    } else {
                        throw new NotARequest(line(parser, firstLine), "field " + Checks.shown(name)
                                + ": an array of a request holds strings and numbers only");
                    }
                }
                return String.join("|", parts);
            default:
                throw new NotARequest(line(parser, firstLine), "field " + Checks.shown(name)
                        + ": a request's value is a string, number, boolean, null or array, not an object");
        }
    }

    /** A JSON number written out exactly, refused first when too large to write out. */
    private static String number(JsonParser parser, String name, int firstLine) throws IOException {
        String outOfRange = ": is out of range for a number (at most " + Checks.MAX_DIGITS
                + " digits, and no exponent beyond 10^" + Checks.MAX_DIGITS + ")";
        BigDecimal value;
        try {
            value = parser.getDecimalValue(); // cheap: Jackson bounds the text's length
        } catch (NumberFormatException | JsonProcessingException e) { // an exponent beyond the int range
            throw new NotARequest(line(parser, firstLine), "field " + Checks.shown(name) + ": "
                    + Checks.shown(parser.getText()) + outOfRange);
        }
        if (value.precision() > Checks.MAX_DIGITS || value.scale() > Checks.MAX_DIGITS
                || value.scale() < -Checks.MAX_DIGITS) {
            throw new NotARequest(line(parser, firstLine), "field " + Checks.shown(name) + ": "
                    + Checks.shown(value) + outOfRange);
        }
        return value.toPlainString();
    }

    private static String bounded(String message) {
        if (message == null) {
            return "(no message)";
        }
        String escaped = Checks.escaped(message);
        return escaped.length() <= 200 ? escaped : escaped.substring(0, 200) + "…";
    }

    /** JSON Lines: one object per line, blank lines skipped. */
    private static final class JsonLinesReader implements Reader {
        private final Path file;
        private final Utf8Lines lines;

        JsonLinesReader(Path file, Utf8Lines lines) {
            this.file = file;
            this.lines = lines;
        }

        @Override
        public Record next() throws IOException {
            Utf8Lines.Line line;
            do {
                line = lines.next();
            } while (line != null && line.error() == null && line.text().isBlank());
            if (line == null) {
                return null;
            }
            if (line.error() != null) {
                return Record.failed(line.number(), name(file) + ":" + line.number() + ": " + line.error());
            }
            return parseObject(file, line.text(), line.number());
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    /** A {@code .json} file: one object, over as many lines as it likes. */
    private static final class WholeJsonReader implements Reader {
        private final Path file;
        private final Utf8Lines lines;
        private boolean done;

        WholeJsonReader(Path file, Utf8Lines lines) {
            this.file = file;
            this.lines = lines;
        }

        @Override
        public Record next() throws IOException {
            if (done) {
                return null;
            }
            done = true;
            StringBuilder all = new StringBuilder();
            long bytes = 0;
            for (Utf8Lines.Line line = lines.next(); line != null; line = lines.next()) {
                if (line.error() != null) {
                    return Record.failed(line.number(), name(file) + ":" + line.number() + ": " + line.error());
                }
                bytes += line.text().length() + 1L; // at most the bytes: a char is at least one byte
                if (bytes > MAX_JSON_FILE_BYTES) {
                    return Record.failed(line.number(), name(file) + ":" + line.number()
                            + ": a .json request file is at most " + MAX_JSON_FILE_BYTES + " bytes");
                }
                all.append(line.text()).append('\n');
            }
            if (all.toString().isBlank()) {
                return null;
            }
            return parseObject(file, all.toString(), 1);
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }

    // ---- CSV -------------------------------------------------------------------------------------------------

    /**
     * CSV through Apache Commons CSV (RFC 4180: commas, double quotes, {@code ""} for a quote inside one, a quoted
     * field may span lines), reading the text {@link Utf8Lines} delivers: strict UTF-8, each physical line bounded.
     * A record is bounded too ({@value #MAX_LINE_BYTES} characters, however many lines a quoted field spans); a
     * line that is not UTF-8 or too long is reported at its line and reading goes on after it; a quote never closed
     * ends the file's records.
     */
    private static final class CsvReader implements Reader {
        private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

        private final Path file;
        private final LinesReader text;
        private CSVParser parser;
        private java.util.Iterator<CSVRecord> records;
        private long parserStart;
        private int lastLine;
        private List<String> header;
        private boolean done;

        CsvReader(Path file, Utf8Lines lines) {
            this.file = file;
            this.text = new LinesReader(lines, MAX_LINE_BYTES);
        }

        @Override
        public Record next() throws IOException {
            while (!done) {
                if (parser == null) {
                    parserStart = text.position();
                    parser = CSV.parse(text);
                    records = parser.iterator();
                }
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        return null;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    parser = null; // a new parser goes on after the bad line
                    LinesReader.BadLine bad = LinesReader.badLine(e);
                    if (bad == null || bad.fatal || header == null) {
                        done = true;
                    }
                    if (bad != null) {
                        return Record.failed(bad.line, name(file) + ":" + bad.line + ": " + bad.getMessage());
                    }
                    int line = lastLine + 1;
                    return Record.failed(line, name(file) + ":" + line + ": a quoted field is never closed"
                            + " (a field may span lines, but its quote must close)");
                }
                long at = parserStart + record.getCharacterPosition();
                int line = text.lineAt(at);
                text.recordRead(at);
                lastLine = line;
                List<String> cells = record.toList();
                String where = name(file) + ":" + line;
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (header == null) {
                    header = cells.stream().map(String::strip).toList();
                    String problem = headerProblem(header);
                    if (problem != null) {
                        done = true;
                        return Record.failed(line, where + ": " + problem);
                    }
                    continue;
                }
                if (cells.size() > header.size()) {
                    return Record.failed(line, where + ": " + cells.size() + " fields but the header has "
                            + header.size());
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    fields.put(header.get(i), i < cells.size() ? cells.get(i) : "");
                }
                return new Record(line, fields, Map.of(), null);
            }
            return null;
        }

        /** A blank, repeated or unknown field name in the header, or null. */
        private static String headerProblem(List<String> header) {
            Set<String> seen = new HashSet<>();
            for (String name : header) {
                if (name.isEmpty()) {
                    return "a field name in the header is blank";
                }
                if (!seen.add(name)) {
                    return "field \"" + Checks.shown(name) + "\" appears twice in the header";
                }
                if (!RecordedRequests.isField(name)) {
                    return "field \"" + Checks.shown(name) + "\" is not a field of any recorded request"
                            + " (see rules/README.md)";
                }
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            text.close();
        }
    }

    /**
     * The text of {@link Utf8Lines}' lines as a {@link java.io.Reader}, each line followed by {@code \\n}, for a
     * CSV parser that needs a stream: it knows which line each character position is on, and bounds how much text
     * one record may take. A bad line (not UTF-8, too long) is delivered as an {@link BadLine} once the text before
     * it has been read, and reading goes on after it.
     */
    static final class LinesReader extends java.io.Reader {
        /** A line that cannot be read; {@code fatal} when reading cannot go on after it. */
        static final class BadLine extends PayAfterException {
            private static final long serialVersionUID = 1L;
            final int line;
            final boolean fatal;

            BadLine(int line, String message, boolean fatal) {
                super(message);
                this.line = line;
                this.fatal = fatal;
            }
        }

        private final Utf8Lines lines;
        private final long maxRecordChars;
        private final java.util.ArrayDeque<long[]> starts = new java.util.ArrayDeque<>(); // {position, line}
        private String current = "";
        private int at;
        private long position;
        private long recordStart;
        private BadLine pending;
        private boolean eof;

        LinesReader(Utf8Lines lines, long maxRecordChars) {
            this.lines = lines;
            this.maxRecordChars = maxRecordChars;
        }

        /** The bad line behind a parser's exception, or null. */
        static BadLine badLine(RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BadLine bad) {
                    return bad;
                }
            }
            return null;
        }

        /** How many characters were delivered so far. */
        long position() {
            return position;
        }

        /** The 1-based line the character at {@code charPosition} is on. */
        int lineAt(long charPosition) {
            long line = 1;
            for (long[] start : starts) {
                if (start[0] > charPosition) {
                    break;
                }
                line = start[1];
            }
            return (int) line;
        }

        /**
         * A record that starts at {@code recordPosition} was read: the bound starts again, and the lines before the
         * record's are forgotten (no later record starts on them).
         */
        void recordRead(long recordPosition) {
            recordStart = position;
            while (starts.size() > 1) {
                long[] first = starts.removeFirst();
                if (starts.peekFirst()[0] > recordPosition) {
                    starts.addFirst(first);
                    break;
                }
            }
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (at >= current.length()) {
                if (pending != null) {
                    BadLine bad = pending;
                    pending = null;
                    throw new IOException(bad.getMessage(), bad); // a Reader's failure is an IOException
                }
                if (eof) {
                    return -1;
                }
                Utf8Lines.Line line = lines.next();
                if (line == null) {
                    eof = true;
                    return -1;
                }
                if (line.error() != null) {
                    pending = new BadLine(line.number(), line.error(), false);
                    continue;
                }
                starts.addLast(new long[] {position, line.number()});
                current = line.text() + "\n";
                at = 0;
            }
            if (position - recordStart > maxRecordChars) {
                BadLine bad = new BadLine((int) starts.getLast()[1], "a record is longer than " + maxRecordChars
                        + " characters (a quote never closed?)", true);
                throw new IOException(bad.getMessage(), bad);
            }
            int n = Math.min(length, current.length() - at);
            current.getChars(at, at + n, buffer, offset);
            at += n;
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
