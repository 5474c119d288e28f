package io.tributary.consumer.avro;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/** A specific record written by hand, as avro-maven-plugin would generate it (copied from the serdes tests). */
public final class Payment extends SpecificRecordBase {
    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
        {"type":"record","name":"Payment","namespace":"io.tributary.consumer.avro","fields":[
          {"name":"id","type":"string"},
          {"name":"amount","type":"double"},
          {"name":"currency","type":"string","default":"EUR"}]}""");

    private CharSequence id;
    private double amount;
    private CharSequence currency;

    public Payment() {
    }

    public Payment(String id, double amount, String currency) {
        this.id = id;
        this.amount = amount;
        this.currency = currency;
    }

    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> id;
            case 1 -> amount;
            case 2 -> currency;
            default -> throw new IndexOutOfBoundsException(field);
        };
    }

    @Override
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> id = (CharSequence) value;
            case 1 -> amount = (Double) value;
            case 2 -> currency = (CharSequence) value;
            default -> throw new IndexOutOfBoundsException(field);
        }
    }

    public String id() {
        return id.toString();
    }

    public double amount() {
        return amount;
    }

    public String currency() {
        return currency.toString();
    }
}
