package io.tributary.streams.internal.engine;

import io.tributary.streams.processor.Processor;
import io.tributary.streams.processor.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One processor instance of a task with its children and the stores it may use. Owned by one task. */
final class ProcessorNode {
    private final String name;
    private final Processor<Object, Object, Object, Object> processor;
    private final Set<String> stores;
    private final Map<String, ProcessorNode> children = new LinkedHashMap<>();

    ProcessorNode(String name, Processor<Object, Object, Object, Object> processor, Set<String> stores) {
        this.name = name;
        this.processor = processor;
        this.stores = stores;
    }

    String name() {
        return name;
    }

    Processor<Object, Object, Object, Object> processor() {
        return processor;
    }

    Set<String> stores() {
        return stores;
    }

    void addChild(ProcessorNode child) {
        children.put(child.name(), child);
    }

    List<ProcessorNode> children() {
        return new ArrayList<>(children.values());
    }

    ProcessorNode child(String childName) {
        ProcessorNode child = children.get(childName);
        if (child == null) {
            throw new IllegalArgumentException("Processor " + name + " has no child named " + childName
                + "; its children are " + children.keySet());
        }
        return child;
    }

    void process(Record<Object, Object> record) {
        processor.process(record);
    }
}
