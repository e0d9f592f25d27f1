/*
 * Lab message probe (run by lab/probe with the JDK source launcher): sends N messages and checks
 * every one was SEND_OK, or consumes a topic until N distinct messages arrived.
 */
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
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
            default:
                usage("unknown command " + args[0]);
                code = 2;
        }
        System.exit(code);
    }
}
