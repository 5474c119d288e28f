package io.tributary.protocol.generator;

/**
 * An inclusive range of protocol versions as written in a definition: {@code 3+}, {@code 0-12}, {@code 5} or
 * {@code none}. Immutable.
 */
record Versions(int min, int max) {
    static final int OPEN = Short.MAX_VALUE;
    static final Versions NONE = new Versions(1, 0);
    static final Versions ALL = new Versions(0, OPEN);

    static Versions parse(String text) {
        String t = text.trim();
        if (t.equals("none")) {
            return NONE;
        }
        if (t.endsWith("+")) {
            return new Versions(Integer.parseInt(t.substring(0, t.length() - 1)), OPEN);
        }
        int dash = t.indexOf('-');
        if (dash > 0) {
            return new Versions(Integer.parseInt(t.substring(0, dash)), Integer.parseInt(t.substring(dash + 1)));
        }
        int v = Integer.parseInt(t);
        return new Versions(v, v);
    }

    boolean isEmpty() {
        return min > max;
    }

    boolean contains(int version) {
        return version >= min && version <= max;
    }

    boolean containsAll(Versions other) {
        return other.isEmpty() || (!isEmpty() && min <= other.min && max >= other.max);
    }

    Versions intersect(Versions other) {
        Versions v = new Versions(Math.max(min, other.min), Math.min(max, other.max));
        return v.isEmpty() ? NONE : v;
    }

    /**
     * A Java condition on {@code version} that is true exactly for the versions of this range, assuming the
     * version already lies in {@code within}; {@code "true"} or {@code "false"} when the answer is fixed.
     */
    String condition(Versions within) {
        Versions v = intersect(within);
        if (v.isEmpty()) {
            return "false";
        }
        if (v.equals(within)) {
            return "true";
        }
        boolean checkMin = v.min > within.min;
        boolean checkMax = v.max < within.max;
        if (checkMin && checkMax) {
            return v.min == v.max ? "version == " + v.min : "version >= " + v.min + " && version <= " + v.max;
        }
        return checkMin ? "version >= " + v.min : "version <= " + v.max;
    }

    @Override
    public String toString() {
        if (isEmpty()) {
            return "none";
        }
        return max == OPEN ? min + "+" : min == max ? Integer.toString(min) : min + "-" + max;
    }
}
