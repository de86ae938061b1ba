package dev.payafter.tools.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.payafter.internal.Checks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Opens the backtest's input files: strict UTF-8, gzip when the name ends in {@code .gz}, lines of at most
 * {@value #MAX_LINE_CHARS} characters. Outcomes are CSV ({@code .csv}, a header row, Apache Commons CSV) or JSON
 * Lines (any other name: {@code .jsonl}, {@code .ndjson}), each line an object of strings.
 */
public final class InputFiles {
    /** The longest line a decisions or outcomes file may have. */
    public static final int MAX_LINE_CHARS = 1 << 20;

    private InputFiles() {
    }

    static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (name(file).endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(in, utf8), 1 << 16);
    }

    private static String name(Path file) {
        return String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    }

    /** Calls {@code each} with every non-blank line of a decisions file and its number. */
    static void eachLine(Path file, LineConsumer each) throws IOException {
        String source = file.toString();
        try (BufferedReader in = open(file)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.length() > MAX_LINE_CHARS) {
                    throw new BacktestInputException(AuditLines.where(source, number) + ": the line has "
                            + line.length() + " characters; at most " + MAX_LINE_CHARS);
                }
                if (!line.isBlank()) {
                    each.accept(number, line);
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BacktestInputException(Checks.escaped(source) + ": not UTF-8 text: " + e.getMessage());
        }
    }

    /** One line of a file. */
    @FunctionalInterface
    interface LineConsumer {
        void accept(long number, String line) throws IOException;
    }

    /** Calls {@code each} with every outcome of an outcomes file, in file order. */
    static void eachOutcome(Path file, Consumer<Outcome> each) throws IOException {
        String source = file.toString();
        String name = name(file);
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                    .setIgnoreEmptyLines(true).get();
            try (BufferedReader in = open(file); CSVParser csv = CSVParser.parse(in, format)) {
                for (String column : new String[] {"orderId", "consumerId", "result"}) {
                    if (!csv.getHeaderMap().containsKey(column)) {
                        throw new BacktestInputException(Checks.escaped(source) + ":1: header: "
                                + Checks.shown(String.join(",", csv.getHeaderNames())) + ": has no column " + column
                                + " (columns: orderId,consumerId,result,overdueAmount)");
                    }
                }
                Iterator<CSVRecord> records = csv.iterator();
                while (true) {
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) {
                            break;
                        }
                        record = records.next();
                    } catch (java.io.UncheckedIOException | IllegalStateException e) {
                        throw new BacktestInputException(Checks.escaped(source) + ": not CSV: "
                                + Checks.shown(String.valueOf(e.getMessage())));
                    }
                    long line = record.getParser().getCurrentLineNumber();
                    if (!record.isConsistent()) {
                        throw new BacktestInputException(AuditLines.where(source, line) + ": has "
                                + record.size() + " columns; the header has " + csv.getHeaderNames().size());
                    }
                    each.accept(Outcome.of(source, line, record.toMap()));
                }
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new BacktestInputException(Checks.escaped(source) + ": not UTF-8 text: " + e.getMessage());
            }
            return;
        }
        eachLine(file, (number, line) -> each.accept(Outcome.of(source, number, jsonColumns(source, number, line))));
    }

    /** A JSON Lines outcome's members as text (strings and numbers; null is absent). */
    public static Map<String, String> jsonColumns(String source, long number, String line) {
        JsonNode node;
        try {
            node = AuditLines.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BacktestInputException(AuditLines.where(source, number) + ": not JSON: "
                    + Checks.shown(String.valueOf(e.getOriginalMessage())));
        }
        if (node == null || !node.isObject()) {
            throw new BacktestInputException(AuditLines.where(source, number) + ": is not a JSON object");
        }
        Map<String, String> columns = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isTextual() && !v.isNumber()) {
                throw new BacktestInputException(AuditLines.where(source, number) + ": " + Checks.escaped(e.getKey())
                        + ": " + Checks.shown(v.toString()) + ": must be a string or a number");
            }
            columns.put(e.getKey(), v.isTextual() ? v.textValue() : v.decimalValue().toPlainString());
        }
        return columns;
    }
}
