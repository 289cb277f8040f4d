package dev.kilo.gateway.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's memory during one load window, without disturbing it: RSS sampled from /proc every 200 ms, heap
 * figures read afterwards from the gateway's own GC log ({@code -Xlog:gc}), only the lines written in the window.
 * (jcmd or jstat would start a JVM next to the one being measured.)
 */
final class MemoryWatch implements AutoCloseable {

    /** MiB; heapBefore is the largest heap in use when a collection started, heapAfter the largest left after one. */
    record Memory(double rssMaxMiB, double heapBeforeMaxMiB, double heapAfterMaxMiB, double heapCommittedMaxMiB,
            int gcs, double gcPauseTotalMs, double gcPauseMaxMs) {
    }

    private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    private final Processes.Started process;
    private final Path gcLog;
    private final long gcLogStart;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;
    private volatile double rssMax;

    MemoryWatch(Processes.Started process, Path gcLog) throws IOException {
        this.process = process;
        this.gcLog = gcLog;
        this.gcLogStart = Files.exists(gcLog) ? Files.size(gcLog) : 0;
        this.sampler = new Thread(this::sample, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (running.get()) {
            rssMax = Math.max(rssMax, process.rssMiB());
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    Memory stop() throws IOException, InterruptedException {
        running.set(false);
        sampler.interrupt();
        sampler.join();
        rssMax = Math.max(rssMax, process.rssMiB());
        double before = 0;
        double after = 0;
        double committed = 0;
        double pauseTotal = 0;
        double pauseMax = 0;
        int gcs = 0;
        for (String line : windowLines().split("\n")) {
            Matcher m = GC.matcher(line);
            if (!m.find() || !line.contains("Pause")) {
                continue;
            }
            gcs++;
            before = Math.max(before, Double.parseDouble(m.group(1)));
            after = Math.max(after, Double.parseDouble(m.group(2)));
            committed = Math.max(committed, Double.parseDouble(m.group(3)));
            double pause = Double.parseDouble(m.group(4));
            pauseTotal += pause;
            pauseMax = Math.max(pauseMax, pause);
        }
        return new Memory(rssMax, before, after, committed, gcs, pauseTotal, pauseMax);
    }

    private String windowLines() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(gcLog.toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.max(0, length - gcLogStart)];
            file.seek(gcLogStart);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        running.set(false);
        sampler.interrupt();
    }
}
