package io.mentorium.application.testing;

import io.mentorium.application.port.out.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

public final class InMemoryEventLog implements EventLog {

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void record(Event event) {
        events.add(event);
    }

    @Override
    public synchronized List<Event> recent(int limit) {
        List<Event> copy = new ArrayList<>(events);
        copy.sort(Comparator.comparing(Event::at).reversed());
        return copy.stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Event> find(EventQuery query) {
        List<Event> copy = new ArrayList<>(events);
        copy.sort(Comparator.comparing(Event::at).reversed());
        return copy.stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        int before = events.size();
        events.removeIf(event -> event.at().isBefore(cutoff));
        return before - events.size();
    }

    public synchronized List<Event> ofType(String type) {
        return events.stream().filter(event -> event.type().equals(type)).toList();
    }
}
