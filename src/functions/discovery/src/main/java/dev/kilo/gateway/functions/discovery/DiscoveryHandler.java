package dev.kilo.gateway.functions.discovery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.kilo.gateway.discovery.DiscoveryReport;
import dev.kilo.gateway.discovery.DiscoveryService;
import jakarta.inject.Named;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The discovery function: refreshes the model catalog, whatever invoked it, and returns the report. EventBridge
 * runs it on a schedule; an operator can invoke it by hand with {@code {}}. The event only tells the log who asked:
 * a refresh takes no parameters, so that a manual run does exactly what the schedule does.
 */
@Named("discovery")
public class DiscoveryHandler implements RequestHandler<Map<String, Object>, DiscoveryReport> {

    private static final Logger LOG = Logger.getLogger(DiscoveryHandler.class);

    private final DiscoveryService discovery;

    public DiscoveryHandler(DiscoveryService discovery) {
        this.discovery = discovery;
    }

    @Override
    public DiscoveryReport handleRequest(Map<String, Object> event, Context context) {
        LOG.infof("Discovery invoked by %s", describe(event));
        return discovery.refresh();
    }

    /**
     * Who invoked: an EventBridge scheduled event (rule or Scheduler with the event shape), a manual {@code {}}, or
     * something else, named by its keys only: values of an unknown event are not logged, as they could hold anything.
     */
    static String describe(Map<String, Object> event) {
        if (event == null || event.isEmpty()) {
            return "a manual invoke";
        }
        if ("Scheduled Event".equals(event.get("detail-type"))) {
            return "a scheduled event from " + event.get("source") + " at " + event.get("time") + " "
                    + event.getOrDefault("resources", "[]");
        }
        return "an unrecognized event with fields " + event.keySet();
    }
}
