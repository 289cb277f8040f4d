package dev.kilo.gateway.dynamodblocal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs DynamoDB Local (software.amazon.dynamodb:DynamoDBLocal, from Maven Central) as a separate JVM on
 * 127.0.0.1. Used by the local server, the key CLI and the tests. A separate JVM keeps its AWS SDK and sqlite
 * dependencies away from the gateway's classpath, where the Quarkus BOM would change their versions.
 */
public final class DynamoDbLocal implements AutoCloseable {

    /** System property naming the folder with DynamoDB Local's jars (the build copies them there). */
    public static final String LIB_PROPERTY = "dynamodb.local.lib";
    private static final String DEFAULT_LIB = "infra/dynamodb-local/target/lib";
    private static final String MAIN = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";
    private static final String MAIN_V3 = "software.amazon.dynamodb.services.local.main.ServerRunner";

    private final Process process;
    private final int port;
    /** Files to delete on close: the log, and the working directory of an in-memory run. */
    private final List<Path> scratch;

    private DynamoDbLocal(Process process, int port, List<Path> scratch) {
        this.process = process;
        this.port = port;
        this.scratch = scratch;
    }

    /**
     * Starts DynamoDB Local and waits until it answers HTTP.
     *
     * @param dataDir where to keep tables between runs ({@code -sharedDb -dbPath}); null keeps them in memory
     */
    public static DynamoDbLocal start(int port, Path dataDir, Duration timeout) throws IOException {
        Path lib = libDir();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", lib.toAbsolutePath() + File.separator + "*", mainClass(lib), "-port", Integer.toString(port)));
        if (dataDir == null) {
            command.add("-inMemory");
        } else {
            Files.createDirectories(dataDir);
            command.addAll(List.of("-sharedDb", "-dbPath", dataDir.toAbsolutePath().toString()));
        }
        Path log = Files.createTempFile("dynamodb-local-", ".log");
        // DynamoDB Local writes a metadata file into its working directory: keep it out of the caller's.
        Path workDir = dataDir != null ? dataDir : Files.createTempDirectory("dynamodb-local-");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        List<Path> scratch = dataDir != null ? List.of(log) : List.of(log, workDir);
        DynamoDbLocal server = new DynamoDbLocal(process, port, scratch);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dynamodb-local-stop"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answers(port)) {
            if (!process.isAlive()) {
                throw new IOException("DynamoDB Local exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                server.stop(); // keeps the log the message points to
                throw new IOException("DynamoDB Local did not answer on port " + port + " within " + timeout
                        + "; see " + log);
            }
            sleep(100);
        }
        return server;
    }

    /**
     * Makes sure a DynamoDB Local answers on {@code port}: an instance already running there (a {@code make run}
     * next to a {@code make key}) is shared; otherwise one is started, kept in {@code dataDir}, and stopped when
     * this JVM exits.
     */
    public static java.util.Optional<DynamoDbLocal> ensureRunning(int port, Path dataDir) throws IOException {
        if (answers(port)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(start(port, dataDir, Duration.ofSeconds(60)));
    }

    /** Whether something on 127.0.0.1:port answers HTTP as DynamoDB does (any HTTP status line). */
    public static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(5);
            return new String(head, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
        for (Path path : scratch) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path path) {
        try (var files = Files.walk(path)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Temporary files only: the operating system cleans them eventually.
        }
    }

    private void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static Path libDir() throws IOException {
        Path lib = Path.of(System.getProperty(LIB_PROPERTY, DEFAULT_LIB));
        try (var jars = Files.list(lib)) {
            if (jars.noneMatch(p -> p.getFileName().toString().startsWith("DynamoDBLocal"))) {
                throw new IOException("No DynamoDBLocal jar in " + lib.toAbsolutePath());
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IOException("DynamoDB Local is not built: " + lib.toAbsolutePath()
                    + " is missing (run ./mvnw install -pl infra/dynamodb-local, or set -D" + LIB_PROPERTY + ")", e);
        }
        return lib;
    }

    /** 3.x renamed the main class; look for it in the jar rather than hard-coding one version. */
    private static String mainClass(Path lib) throws IOException {
        try (var jars = Files.list(lib)) {
            Path jar = jars.filter(p -> p.getFileName().toString().startsWith("DynamoDBLocal")).findFirst()
                    .orElseThrow();
            try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
                return zip.getEntry(MAIN_V3.replace('.', '/') + ".class") != null ? MAIN_V3 : MAIN;
            }
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
