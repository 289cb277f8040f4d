package dev.kilo.gateway.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One streamed invocation response: {@code POST /2018-06-01/runtime/invocation/{id}/response} in the Runtime API's
 * streaming mode (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html, "Implementing response
 * streaming"). The body is the HTTP integration format that API Gateway (response transfer mode STREAM) and function
 * URLs (RESPONSE_STREAM) read: a JSON prelude with status, headers and cookies, 8 NUL bytes, then the response body.
 * <p>
 * Written over a raw socket with hand-made HTTP/1.1 chunked framing, because {@code java.net.http} neither promises
 * when a streamed request body leaves the process nor can send the error trailers. Every {@link #write} is one
 * chunk on the wire, flushed at once.
 */
public final class StreamingResponse implements Closeable {

    static final String CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";
    public static final int DELIMITER_LENGTH = 8;
    private static final byte[] CRLF = {'\r', '\n'};
    /** Headers about the local hop's framing; the outer hops frame the body themselves. */
    private static final Set<String> UNFORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length");
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final int ANSWER_TIMEOUT_MS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;

    private StreamingResponse(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /**
     * Connects to the Runtime API at {@code host:port}, sends the request head and the prelude chunk. The status and
     * headers cannot change afterwards; a later failure can only be reported through {@link #fail}.
     */
    public static StreamingResponse open(String address, String requestId, int status,
            Map<String, List<String>> headers) throws IOException {
        if (!SAFE_REQUEST_ID.matcher(requestId).matches()) {
            throw new IOException("Refusing a request id that is not a plain token");
        }
        StreamingResponse response = new StreamingResponse(connect(address));
        try {
            response.writeHead(address, requestId);
            response.write(prelude(status, headers));
            return response;
        } catch (IOException e) {
            response.close();
            throw e;
        }
    }

    private static Socket connect(String address) throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IOException("Runtime API address is not host:port");
        }
        Socket socket = new Socket();
        // Small chunks (one SSE event) must leave immediately instead of waiting for Nagle's algorithm.
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1))), 5_000);
        return socket;
    }

    private void writeHead(String address, String requestId) throws IOException {
        String head = "POST /2018-06-01/runtime/invocation/" + requestId + "/response HTTP/1.1\r\n"
                + "Host: " + address + "\r\n"
                + "Lambda-Runtime-Function-Response-Mode: streaming\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Content-Type: " + CONTENT_TYPE + "\r\n"
                // Trailers must be announced up front (RFC 9112 section 7.1.2) to be accepted at the end.
                + "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n"
                + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
    }

    /** Writes the whole array as one chunk and flushes it. */
    public void write(byte[] data) throws IOException {
        write(data, 0, data.length);
    }

    /** Writes {@code len} bytes as one chunk and flushes it; empty writes are skipped (a 0 chunk ends the body). */
    public void write(byte[] data, int offset, int len) throws IOException {
        if (len == 0) {
            return;
        }
        out.write(Integer.toHexString(len).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        out.write(data, offset, len);
        out.write(CRLF);
        out.flush();
    }

    /** Ends the body normally and waits for the Runtime API to accept it. */
    public void finish() throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        awaitAccepted();
    }

    /** Ends the body with the error trailers; Lambda passes them on as a mid-stream function error. */
    public void fail(String errorType, String message) throws IOException {
        String body = Base64.getEncoder().encodeToString(RuntimeApiClient.errorJson(errorType, message));
        String trailers = "0\r\n"
                + "Lambda-Runtime-Function-Error-Type: " + errorType + "\r\n"
                + "Lambda-Runtime-Function-Error-Body: " + body + "\r\n"
                + "\r\n";
        out.write(trailers.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        awaitAccepted();
    }

    private void awaitAccepted() throws IOException {
        socket.setSoTimeout(ANSWER_TIMEOUT_MS);
        String statusLine = readLine(socket.getInputStream());
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[1].startsWith("2")) {
            throw new IOException("Runtime API refused the streamed response: " + statusLine);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Runtime API closed the connection without an answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /**
     * The prelude plus its 8-NUL delimiter. Set-Cookie values go to {@code cookies} (one entry each, since they
     * cannot be comma-joined safely); any other repeated header is joined with ", ".
     */
    static byte[] prelude(int status, Map<String, List<String>> headers) {
        ObjectNode prelude = JSON.createObjectNode();
        prelude.put("statusCode", status);
        ObjectNode headerNode = prelude.putObject("headers");
        ArrayNode cookies = prelude.putArray("cookies");
        headers.forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("set-cookie")) {
                values.forEach(cookies::add);
            } else if (!key.startsWith(":") && !UNFORWARDED.contains(key) && !values.isEmpty()) {
                headerNode.put(key, String.join(", ", values));
            }
        });
        byte[] json = prelude.toString().getBytes(StandardCharsets.UTF_8);
        byte[] result = new byte[json.length + DELIMITER_LENGTH];
        System.arraycopy(json, 0, result, 0, json.length);
        return result;
    }

    /** Closing the connection tells Lambda the response is complete (required by the streaming mode). */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
