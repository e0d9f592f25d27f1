/*
 * Lab stand-in for the RocketMQ console (styletang/rocketmq-console-ng:1.0.0). The real console and
 * rocketmq-dashboard are not on Maven Central, so the lab serves the two API paths the project's
 * console gate reads, built the way the real console builds them: rocketmq-tools' DefaultMQAdminExt
 * (examineBrokerClusterInfo, then fetchBrokerRuntimeStats per broker address) wrapped in the real
 * JsonResult shape {"status":0,"data":...,"errMsg":null}; on failure HTTP 200 with status -1.
 *
 * Options come from JAVA_OPTS system properties like the real image:
 *   -Drocketmq.config.namesrvAddr=a:9876;b:9876 (else -Drocketmq.namesrv.addr, else env NAMESRV_ADDR)
 *   -Drocketmq.config.isVIPChannel=false (default true: brokers are then read on listenPort-2)
 *   -Dserver.port=8080
 */
import com.alibaba.fastjson.JSON;
import com.alibaba.fastjson.serializer.SerializerFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.rocketmq.common.protocol.body.ClusterInfo;
import org.apache.rocketmq.common.protocol.body.KVTable;
import org.apache.rocketmq.common.protocol.route.BrokerData;
import org.apache.rocketmq.tools.admin.DefaultMQAdminExt;

public final class ConsoleStandIn {
    private final String namesrvAddr;
    private final boolean vipChannel;
    private final DefaultMQAdminExt admin;

    private ConsoleStandIn(String namesrvAddr, boolean vipChannel) throws Exception {
        this.namesrvAddr = namesrvAddr;
        this.vipChannel = vipChannel;
        this.admin = new DefaultMQAdminExt(5000);
        this.admin.setNamesrvAddr(namesrvAddr);
        this.admin.setVipChannelEnabled(vipChannel);
        this.admin.setInstanceName("console-standin-" + ProcessHandle.current().pid());
        this.admin.start();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.trim().isEmpty()) {
                return v.trim();
            }
        }
        return null;
    }

    // The real ClusterServiceImpl.list(): cluster info plus each broker's runtime stats by brokerId.
    private synchronized Map<String, Object> clusterList() throws Exception {
        ClusterInfo clusterInfo = admin.examineBrokerClusterInfo();
        Map<String, Map<Long, Object>> brokerServer = new HashMap<>();
        for (BrokerData brokerData : clusterInfo.getBrokerAddrTable().values()) {
            Map<Long, Object> byId = new HashMap<>();
            for (Map.Entry<Long, String> addr : brokerData.getBrokerAddrs().entrySet()) {
                KVTable kvTable = admin.fetchBrokerRuntimeStats(addr.getValue());
                byId.put(addr.getKey(), kvTable.getTable());
            }
            brokerServer.put(brokerData.getBrokerName(), byId);
        }
        // Fault injection for the end-to-end tests only: a console that "loses" brokers, as a
        // console pointed at the wrong name server would. Unset in normal use.
        String hide = System.getenv("LAB_CONSOLE_HIDE_BROKERS");
        if (hide != null && !hide.isBlank()) {
            for (String name : hide.split(",")) {
                clusterInfo.getBrokerAddrTable().remove(name.trim());
                brokerServer.remove(name.trim());
            }
        }
        Map<String, Object> result = new HashMap<>();
        result.put("clusterInfo", clusterInfo);
        result.put("brokerServer", brokerServer);
        return result;
    }

    // The real OpsServiceImpl.homePageInfo() of console-ng 1.0.0.
    private Map<String, Object> homePage() {
        Map<String, Object> result = new HashMap<>();
        List<String> list = Arrays.asList(namesrvAddr.split(";", -1));
        result.put("namesvrAddrList", list);
        result.put("useVIPChannel", vipChannel);
        return result;
    }

    private interface Handler {
        Object handle() throws Exception;
    }

    private static void reply(HttpExchange ex, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void serveJson(HttpExchange ex, Handler handler) throws IOException {
        Map<String, Object> jsonResult = new LinkedHashMap<>();
        try {
            Object data = handler.handle();
            jsonResult.put("status", 0);
            jsonResult.put("data", data);
            jsonResult.put("errMsg", null);
        } catch (Exception e) {
            // The real GlobalExceptionHandler: still HTTP 200, status -1 and the message.
            jsonResult.put("status", -1);
            jsonResult.put("data", null);
            jsonResult.put("errMsg", e.getMessage() == null ? e.toString() : e.getMessage());
        }
        // The real console serialises with Jackson: map keys (brokerId) are quoted strings.
        String body = JSON.toJSONString(jsonResult, SerializerFeature.WriteMapNullValue,
            SerializerFeature.WriteNonStringKeyAsString, SerializerFeature.DisableCircularReferenceDetect);
        reply(ex, 200, "application/json;charset=UTF-8", body);
    }

    public static void main(String[] args) throws Exception {
        String namesrv = firstNonBlank(System.getProperty("rocketmq.config.namesrvAddr"),
            System.getProperty("rocketmq.namesrv.addr"), System.getenv("NAMESRV_ADDR"));
        if (namesrv == null) {
            System.err.println("console: no name server: set -Drocketmq.config.namesrvAddr=host:9876 in JAVA_OPTS");
            System.exit(2);
        }
        boolean vip = Boolean.parseBoolean(System.getProperty("rocketmq.config.isVIPChannel", "true"));
        int port = Integer.getInteger("server.port", 8080);
        ConsoleStandIn console = new ConsoleStandIn(namesrv, vip);

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/cluster/list.query", ex -> serveJson(ex, console::clusterList));
        server.createContext("/ops/homePage.query", ex -> serveJson(ex, console::homePage));
        server.createContext("/", ex -> {
            if (!"/".equals(ex.getRequestURI().getPath())) {
                reply(ex, 404, "text/plain", "not found\n");
                return;
            }
            reply(ex, 200, "text/html;charset=UTF-8",
                "<html><body>rocketmq-rollout lab console stand-in (not the real rocketmq-console-ng)</body></html>\n");
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            console.admin.shutdown();
        }));
        server.start();
        System.out.printf("console stand-in listening on %d, namesrvAddr=%s, isVIPChannel=%s%n", port, namesrv, vip);
    }
}
