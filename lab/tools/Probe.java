/*
 * Lab message probe (run by lab/probe with the JDK source launcher): sends N messages and checks
 * every one was SEND_OK, or consumes a topic until N distinct messages arrived; `produce` sends at
 * a fixed rate for a while (sync, async or oneway, with the client's default timeout and retries)
 * and prints a JSON summary, `verify` consumes until every acknowledged key of a produce run came.
 */
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendCallback;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;

public final class Probe {
    private static void usage(String why) {
        System.err.println("probe: " + why);
        System.err.println("usage: probe send --topic T --count N [-n NAMESRV]");
        System.err.println("       probe consume --topic T --group G --expect N --timeout SECONDS [-n NAMESRV]");
        System.err.println("       probe produce --topic T --rate R --seconds S --mode sync|async|oneway [--keys FILE] [--log FILE] [--stop-file FILE] [--poll-ms MS]");
        System.err.println("       probe verify --topic T --group G --keys FILE --timeout SECONDS [-n NAMESRV]");
        System.exit(2);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("missing value for " + args[i]);
            }
            opts.put(args[i], args[i + 1]);
        }
        return opts;
    }

    private static String need(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null || v.isEmpty()) {
            usage("missing " + key);
        }
        return v;
    }

    private static int number(Map<String, String> opts, String key) {
        try {
            int n = Integer.parseInt(need(opts, key));
            if (n < 0) {
                usage(key + " must be >= 0");
            }
            return n;
        } catch (NumberFormatException e) {
            usage(key + " must be a number");
            return 0;
        }
    }

    private static String namesrv(Map<String, String> opts) {
        String n = opts.getOrDefault("-n", System.getenv("NAMESRV_ADDR"));
        if (n == null || n.isEmpty()) {
            usage("no name server: pass -n host:9876 or bring the lab up");
        }
        return n;
    }

    private static int send(Map<String, String> opts) throws Exception {
        String topic = need(opts, "--topic");
        int count = number(opts, "--count");
        DefaultMQProducer producer = new DefaultMQProducer("lab_probe_producer");
        producer.setNamesrvAddr(namesrv(opts));
        producer.setInstanceName("probe-" + ProcessHandle.current().pid());
        producer.setSendMsgTimeout(10_000);
        producer.start();
        // Bodies are unique per run, so a consumer can count distinct messages.
        String run = Long.toString(System.currentTimeMillis(), 36) + "-" + ProcessHandle.current().pid();
        int ok = 0;
        try {
            for (int i = 0; i < count; i++) {
                String key = "probe-" + run + "-" + i;
                Message msg = new Message(topic, "probe", key, key.getBytes(StandardCharsets.UTF_8));
                SendResult result = producer.send(msg);
                if (result.getSendStatus() == SendStatus.SEND_OK) {
                    ok++;
                } else {
                    System.err.println("probe: message " + i + ": " + result.getSendStatus());
                }
            }
        } finally {
            producer.shutdown();
        }
        System.out.println("sent " + ok);
        return ok == count ? 0 : 1;
    }

    private static int consume(Map<String, String> opts) throws Exception {
        String topic = need(opts, "--topic");
        String group = need(opts, "--group");
        int expect = number(opts, "--expect");
        int timeout = number(opts, "--timeout");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv(opts));
        consumer.setInstanceName("probe-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                seen.add(new String(m.getBody(), StandardCharsets.UTF_8));
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        try {
            while (seen.size() < expect && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            consumer.shutdown();
        }
        System.out.println("consumed " + seen.size());
        return seen.size() >= expect ? 0 : 1;
    }

    /**
     * One send: when it started (epoch ms), how long until its answer in microseconds (a sync send
     * takes 1-3 ms on the lab: whole milliseconds would make a p99 ratio a ratio of small integers),
     * whether it was acknowledged.
     */
    private record Sample(long at, long us, boolean ok, String key, String error) {}

    /** Microseconds since a System.nanoTime() reading. */
    private static long usSince(long t0) {
        return (System.nanoTime() - t0) / 1_000;
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static int produce(Map<String, String> opts) throws Exception {
        String topic = need(opts, "--topic");
        int rate = number(opts, "--rate");
        int seconds = number(opts, "--seconds");
        String mode = need(opts, "--mode");
        if (!mode.equals("sync") && !mode.equals("async") && !mode.equals("oneway")) {
            usage("--mode takes sync, async or oneway");
        }
        if (rate < 1) {
            usage("--rate must be >= 1");
        }
        // The client's defaults (3 s timeout, 2 retries for sync): what applications run with.
        DefaultMQProducer producer = new DefaultMQProducer("lab_probe_" + mode);
        producer.setNamesrvAddr(namesrv(opts));
        producer.setInstanceName("produce-" + mode + "-" + ProcessHandle.current().pid());
        // --poll-ms: the route refresh (pollNameServerInterval, 30 s by default); tests shorten it
        // together with rollout.drainSeconds.
        if (opts.containsKey("--poll-ms")) {
            producer.setPollNameServerInterval(number(opts, "--poll-ms"));
        }
        producer.start();
        String run = Long.toString(System.currentTimeMillis(), 36) + "-" + ProcessHandle.current().pid();
        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        AtomicInteger inFlight = new AtomicInteger();
        int total = rate * seconds;
        // --stop-file: end early once it exists (a test stops the producer when the rollout is done).
        Path stopFile = opts.containsKey("--stop-file") ? Path.of(opts.get("--stop-file")) : null;
        long start = System.nanoTime();
        try {
            for (int i = 0; i < total; i++) {
                if (stopFile != null && i % rate == 0 && Files.exists(stopFile)) {
                    break;
                }
                // A fixed schedule: a stalled sync send is followed by a catch-up, as a real backlog would be.
                long due = start + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String key = "produce-" + run + "-" + i;
                Message msg = new Message(topic, mode, key, key.getBytes(StandardCharsets.UTF_8));
                long at = System.currentTimeMillis();
                long t0 = System.nanoTime();
                try {
                    if (mode.equals("sync")) {
                        SendResult r = producer.send(msg);
                        boolean ok = r.getSendStatus() == SendStatus.SEND_OK;
                        samples.add(new Sample(at, usSince(t0), ok, key, ok ? null : r.getSendStatus().name()));
                    } else if (mode.equals("async")) {
                        inFlight.incrementAndGet();
                        producer.send(msg, new SendCallback() {
                            @Override
                            public void onSuccess(SendResult r) {
                                boolean ok = r.getSendStatus() == SendStatus.SEND_OK;
                                samples.add(new Sample(at, usSince(t0), ok, key, ok ? null : r.getSendStatus().name()));
                                inFlight.decrementAndGet();
                            }

                            @Override
                            public void onException(Throwable e) {
                                samples.add(new Sample(at, usSince(t0), false, key, String.valueOf(e.getMessage())));
                                inFlight.decrementAndGet();
                            }
                        });
                    } else {
                        producer.sendOneway(msg);
                        samples.add(new Sample(at, usSince(t0), true, key, null));
                    }
                } catch (Exception e) {
                    if (mode.equals("async")) {
                        inFlight.decrementAndGet();
                    }
                    samples.add(new Sample(at, usSince(t0), false, key, String.valueOf(e.getMessage())));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            producer.shutdown();
        }
        List<Sample> all = new ArrayList<>(samples);
        all.sort((a, b) -> Long.compare(a.at(), b.at()));
        List<Long> ms = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int failed = 0;
        for (Sample x : all) {
            ms.add(x.us() / 1_000);
            if (!x.ok()) {
                failed++;
                if (errors.size() < 5) {
                    errors.add(x.error());
                }
            }
        }
        Collections.sort(ms);
        if (opts.containsKey("--keys")) {
            List<String> keys = new ArrayList<>();
            for (Sample x : all) {
                if (x.ok()) {
                    keys.add(x.key());
                }
            }
            Files.write(Path.of(opts.get("--keys")), keys, StandardCharsets.UTF_8);
        }
        if (opts.containsKey("--log")) {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(opts.get("--log")), StandardCharsets.UTF_8))) {
                for (Sample x : all) {
                    w.println(x.at() + " " + String.format(Locale.ROOT, "%.3f", x.us() / 1000.0) + " " + (x.ok() ? 1 : 0));
                }
            }
        }
        StringBuilder err = new StringBuilder("[");
        for (int i = 0; i < errors.size(); i++) {
            String e = errors.get(i) == null ? "" : errors.get(i);
            err.append(i == 0 ? "" : ",").append('"').append(e.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n\\t]", " ")).append('"');
        }
        err.append(']');
        System.out.println("{\"mode\":\"" + mode + "\",\"sent\":" + all.size() + ",\"failed\":" + failed
                + ",\"acked\":" + (all.size() - failed) + ",\"p50Ms\":" + percentile(ms, 0.5)
                + ",\"p99Ms\":" + percentile(ms, 0.99) + ",\"maxMs\":" + percentile(ms, 1.0)
                + ",\"errors\":" + err + "}");
        return failed == 0 ? 0 : 1;
    }

    /** Consumes until every key of a produce run's --keys file came; JSON with lost and duplicates. */
    private static int verify(Map<String, String> opts) throws Exception {
        String topic = need(opts, "--topic");
        String group = need(opts, "--group");
        int timeout = number(opts, "--timeout");
        Set<String> expected = new HashSet<>(Files.readAllLines(Path.of(need(opts, "--keys")), StandardCharsets.UTF_8));
        expected.remove("");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer(group);
        consumer.setNamesrvAddr(namesrv(opts));
        consumer.setInstanceName("verify-" + ProcessHandle.current().pid());
        consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
        consumer.subscribe(topic, "*");
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, ctx) -> {
            for (MessageExt m : msgs) {
                if (!seen.add(new String(m.getBody(), StandardCharsets.UTF_8))) {
                    duplicates.incrementAndGet();
                }
            }
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        consumer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        try {
            while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            // A moment more: duplicates arrive after the last new key.
            Thread.sleep(2000);
        } finally {
            consumer.shutdown();
        }
        int lost = 0;
        for (String k : expected) {
            if (!seen.contains(k)) {
                lost++;
            }
        }
        System.out.println("{\"expected\":" + expected.size() + ",\"seen\":" + seen.size() + ",\"lost\":" + lost
                + ",\"duplicates\":" + duplicates.get() + "}");
        return lost == 0 ? 0 : 1;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("missing command");
        }
        Map<String, String> opts = options(args);
        int code;
        switch (args[0]) {
            case "send":
                code = send(opts);
                break;
            case "consume":
                code = consume(opts);
                break;
            case "produce":
                code = produce(opts);
                break;
            case "verify":
                code = verify(opts);
                break;
            default:
                usage("unknown command " + args[0]);
                code = 2;
        }
        System.exit(code);
    }
}
