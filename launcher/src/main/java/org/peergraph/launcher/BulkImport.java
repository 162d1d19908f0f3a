package org.peergraph.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.importer.ImportCommand;
import picocli.CommandLine;

/**
 * Runs Neo4j's offline importer ({@code neo4j-admin database import full}) into a staging home.
 *
 * <p>Usage: {@code java -cp peergraph-neo4j-launcher.jar:lib/* org.peergraph.launcher.BulkImport
 * HOME [import full options…]}: HOME is the staging Neo4j home (its {@code data/} receives the
 * database), every further argument goes to {@code ImportCommand.Full} through picocli, exactly
 * as neo4j-admin would pass it. The exit code is the importer's (0 when it imported).
 */
public final class BulkImport {
    private BulkImport() {}

    /** Entry point: prepares HOME and its conf/ folder, then runs the importer on the rest. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BulkImport HOME [neo4j-admin database import full options]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        // neo4j-admin reads conf/neo4j.conf when there is one; an empty folder means defaults.
        Path conf = Files.createDirectories(home.resolve("conf"));
        ExecutionContext context = new ExecutionContext(home, conf);
        String[] options = Arrays.copyOfRange(args, 1, args.length);
        System.exit(new CommandLine(new ImportCommand.Full(context)).execute(options));
    }
}
