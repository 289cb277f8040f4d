package dev.kilo.gateway.deploy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Facts read from Java and HCL source text, for checks that Terraform and the application agree. */
final class SourceFacts {

    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\";");
    private static final Pattern PUT = Pattern.compile("item\\.put\\((\\w+|\"[a-z_]+\")");
    /** Keys of an HCL object literal: {@code name = ...} at the start of a line. */
    private static final Pattern HCL_KEY = Pattern.compile("(?m)^\\s*([a-z_]+)\\s*=");

    private SourceFacts() {
    }

    /** The attribute names a store's {@code create} puts into its item, constants resolved. */
    static Set<String> putAttributes(String source) {
        Map<String, String> constants = new HashMap<>();
        Matcher c = CONSTANT.matcher(source);
        while (c.find()) {
            constants.put(c.group(1), c.group(2));
        }
        Set<String> names = new TreeSet<>();
        Matcher m = PUT.matcher(source);
        while (m.find()) {
            String name = m.group(1);
            names.add(name.startsWith("\"") ? name.substring(1, name.length() - 1) : constants.get(name));
        }
        return names;
    }

    static String constant(String source, String name) {
        Matcher c = CONSTANT.matcher(source);
        while (c.find()) {
            if (c.group(1).equals(name)) {
                return c.group(2);
            }
        }
        throw new AssertionError("no constant " + name);
    }

    static Set<String> objectKeys(String hcl) {
        Set<String> keys = new TreeSet<>();
        Matcher m = HCL_KEY.matcher(hcl);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
