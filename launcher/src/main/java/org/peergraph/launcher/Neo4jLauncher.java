package org.peergraph.launcher;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParser;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * Runs an embedded Neo4j Community DBMS with a Bolt connector for Peergraph's Python side.
 *
 * <p>Usage: {@code java -jar peergraph-neo4j-launcher.jar --home DIR --bolt-address 127.0.0.1
 * --bolt-port 7687 --pagecache 2g [--tx-timeout 120s]}; the password of user {@code neo4j} is
 * read from the environment variable {@value #PASSWORD_ENV}. Protocol lines on stdout start
 * with {@value #PREFIX}: {@code READY bolt://HOST:PORT}, {@code ERROR <sentence>}, {@code STOPPED}.
 */
public final class Neo4jLauncher {
    static final String PREFIX = "PEERGRAPH-LAUNCHER";
    static final String PASSWORD_ENV = "PEERGRAPH_NEO4J_PASSWORD";
    static final int EXIT_BAD_ARGS = 2;
    static final int EXIT_PORT_IN_USE = 3;
    static final int EXIT_NEO4J_FAILED = 4;
    /** Neo4j's default for dbms.security.auth_minimum_password_length. */
    static final int MIN_PASSWORD_LENGTH = 8;
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(5);

    /**
     * The real stdout, kept for protocol lines only; System.out is pointed at stderr so that
     * nothing Neo4j or its libraries print can ever be mistaken for a protocol line.
     */
    private static final PrintStream PROTOCOL =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private static DatabaseManagementService dbms;

    /** Exit with a protocol error line; carries the process exit code. */
    static final class LaunchException extends Exception {
        final int exitCode;

        /** Creates an error with the given exit code and one-sentence message. */
        LaunchException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** Parsed command line. */
    record Options(Path home, String boltAddress, int boltPort, long pageCacheBytes, Duration txTimeout) {}

    private Neo4jLauncher() {}

    /** Entry point: validates, starts Neo4j, prints READY, then waits for SIGTERM/SIGINT. */
    public static void main(String[] args) throws InterruptedException {
        System.setOut(System.err);
        try {
            Options options = parseArgs(args);
            String password = readPassword();
            prepareHome(options.home());
            checkPortFree(options.boltAddress(), options.boltPort());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(true), "peergraph-shutdown"));
            start(options, password);
            protocol("READY " + boltUri(options));
        } catch (LaunchException e) {
            fail(e.exitCode, e.getMessage());
        } catch (RuntimeException e) { // a bug or an unforeseen case: still answer the parent
            fail(EXIT_NEO4J_FAILED, "Unexpected launcher failure: " + rootCause(e) + ".");
        }
        // Neo4j runs on its own threads; the shutdown hook does the stopping.
        new CountDownLatch(1).await();
    }

    /** The bolt:// URI for the listen address; IPv6 literals need brackets in a URI. */
    static String boltUri(Options options) {
        String host = options.boltAddress().contains(":") ? "[" + options.boltAddress() + "]" : options.boltAddress();
        return "bolt://" + host + ":" + options.boltPort();
    }

    /** Stops Neo4j if it is up, prints the ERROR line and exits with the given code. */
    private static void fail(int exitCode, String message) {
        stop(false);
        protocol("ERROR " + message.replaceAll("\\s+", " "));
        System.exit(exitCode);
    }

    /** Parses and validates the command line (exit code 2 on any problem). */
    static Options parseArgs(String[] args) throws LaunchException {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i];
            if (!key.matches("--(home|bolt-address|bolt-port|pagecache|tx-timeout)")) {
                throw badArgs("Unknown argument '" + key + "'");
            }
            if (i + 1 >= args.length) {
                throw badArgs("Argument " + key + " needs a value");
            }
            values.put(key, args[i + 1]);
        }
        if (!values.containsKey("--home")) {
            throw badArgs("Missing --home DIR");
        }
        String portText = values.getOrDefault("--bolt-port", "7687");
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535) {
            throw badArgs("--bolt-port must be a number from 1 to 65535, got '" + portText + "'");
        }
        // Neo4j's own parsers, so "2g", "512m", "120s", "2m" mean what they mean in neo4j.conf.
        long pageCache = parse("--pagecache", values.getOrDefault("--pagecache", "512m"), SettingValueParsers.BYTES);
        Duration txTimeout = parse("--tx-timeout", values.getOrDefault("--tx-timeout", "0s"), SettingValueParsers.DURATION);
        return new Options(Path.of(values.get("--home")).toAbsolutePath(),
                values.getOrDefault("--bolt-address", "127.0.0.1"), port, pageCache, txTimeout);
    }

    /** Parses one option value with a Neo4j setting parser, naming the option if it is invalid. */
    private static <T> T parse(String option, String text, SettingValueParser<T> parser) throws LaunchException {
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw badArgs("Invalid " + option + " '" + text + "' (" + e.getMessage() + ")");
        }
    }

    /** Builds the exit-code-2 error for a bad command line. */
    private static LaunchException badArgs(String what) {
        return new LaunchException(EXIT_BAD_ARGS, what + "; usage: --home DIR --bolt-address 127.0.0.1"
                + " --bolt-port 7687 --pagecache 2g [--tx-timeout 120s], password in " + PASSWORD_ENV + ".");
    }

    /** Reads the neo4j user's password from the environment only, never from argv or logs. */
    static String readPassword() throws LaunchException {
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            throw new LaunchException(EXIT_BAD_ARGS, "Environment variable " + PASSWORD_ENV
                    + " is not set; set it to the Neo4j password (at least " + MIN_PASSWORD_LENGTH + " characters).");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new LaunchException(EXIT_BAD_ARGS, "Environment variable " + PASSWORD_ENV + " is shorter than "
                    + MIN_PASSWORD_LENGTH + " characters, Neo4j's minimum; choose a longer password.");
        }
        return password;
    }

    /** Creates DIR if needed; a file or read-only path fails here, not after seconds of Neo4j startup. */
    static void prepareHome(Path home) throws LaunchException {
        try {
            Files.createDirectories(home);
        } catch (IOException | SecurityException e) {
            throw new LaunchException(EXIT_BAD_ARGS, "Cannot create --home directory " + home + " (" + e
                    + "); pass a writable directory.");
        }
        if (!Files.isWritable(home)) {
            throw new LaunchException(EXIT_BAD_ARGS, "--home directory " + home + " is not writable; pass a writable directory.");
        }
    }

    /** Fails fast with exit code 3 if something already listens on the Bolt port. */
    static void checkPortFree(String address, int port) throws LaunchException {
        try (ServerSocket socket = new ServerSocket()) {
            // Same as Netty's server socket, so a port in TIME_WAIT does not count as taken.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new LaunchException(EXIT_PORT_IN_USE, "Bolt port " + port + " on " + address
                        + " is already in use; stop the other process or choose another --bolt-port.");
            }
            throw new LaunchException(EXIT_BAD_ARGS, "Cannot bind Bolt address " + address + ":" + port
                    + " (" + e.getMessage() + "); use a local address such as 127.0.0.1.");
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw new LaunchException(EXIT_BAD_ARGS, "Cannot bind Bolt address " + address + ":" + port
                    + " (" + e.getMessage() + "); use a local address such as 127.0.0.1.");
        }
    }

    /** Starts the DBMS, sets the neo4j password and waits until Bolt accepts connections. */
    static void start(Options options, String password) throws LaunchException {
        try {
            DatabaseManagementService service = new DatabaseManagementServiceBuilder(options.home())
                    .setConfig(GraphDatabaseSettings.auth_enabled, true)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address,
                            new SocketAddress(options.boltAddress(), options.boltPort()))
                    .setConfig(BoltConnector.advertised_address,
                            new SocketAddress(options.boltAddress(), options.boltPort()))
                    .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes())
                    .setConfig(GraphDatabaseSettings.transaction_timeout, options.txTimeout())
                    // No internet here, and we do not want to phone home anyway.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Neo4j keeps two days of transaction logs by default: 12 GB after a 1 M-work
                    // load. Recovery needs only those since the last checkpoint, and Community has
                    // no incremental backup to feed, so about 1 GB is kept.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "1G size")
                    // Bolt's Netty default waits a 5 s quiet period on shutdown; 1 s stops faster.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                    .build();
            synchronized (Neo4jLauncher.class) {
                dbms = service;
            }
            setPassword(service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
            GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(STARTUP_TIMEOUT.toMillis())) {
                throw new IllegalStateException("database '" + db.databaseName() + "' did not become available within "
                        + STARTUP_TIMEOUT.toMinutes() + " minutes");
            }
        } catch (RuntimeException e) {
            throw new LaunchException(EXIT_NEO4J_FAILED, "Neo4j failed to start: " + rootCause(e)
                    + "; check " + options.home().resolve("logs").resolve("debug.log")
                    + " and that no other Neo4j process uses " + options.home() + ".");
        }
        waitForBolt(options);
    }

    /** Sets the neo4j user's password (no change required) through the system database. */
    static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED",
                    Map.of("pw", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to the value it already has (every restart
            // after the first); then only make sure no change is required at login.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    /** Polls a TCP connect to the Bolt port, since database availability does not imply a bound socket. */
    static void waitForBolt(Options options) throws LaunchException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(options.boltAddress(), options.boltPort()), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new LaunchException(EXIT_NEO4J_FAILED, "Neo4j started but Bolt does not accept connections on "
                            + options.boltAddress() + ":" + options.boltPort() + " (" + e.getMessage() + "); check "
                            + options.home().resolve("logs").resolve("debug.log") + ".");
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new LaunchException(EXIT_NEO4J_FAILED, "Interrupted while waiting for Bolt.");
                }
            }
        }
    }

    /** Shuts Neo4j down once; prints STOPPED when asked (the signal path, not the error path). */
    static synchronized void stop(boolean announce) {
        if (dbms == null) {
            return;
        }
        try {
            dbms.shutdown();
        } finally {
            dbms = null;
            if (announce) {
                protocol("STOPPED");
            }
        }
    }

    /** Innermost cause's class and message, e.g. the store-lock error behind a startup failure. */
    static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Writes one protocol line to the real stdout. */
    static void protocol(String line) {
        PROTOCOL.println(PREFIX + " " + line);
        PROTOCOL.flush();
    }
}
