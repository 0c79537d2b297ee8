package org.llmgate.platform.persistence;

/**
 * Upstream text made storable. PostgreSQL refuses NUL in text columns, and one such error message
 * once stopped every hint of every model from being written (issue 11); other control characters
 * are noise in an admin screen. Newlines and tabs stay, they are readable.
 */
public final class StoredText {

    private StoredText() {
    }

    /** The text without control characters (but newline and tab), cut to {@code maxLength} characters; null stays null. */
    public static String clean(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), maxLength));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\t' || !(Character.isISOControl(c) || isLoneSurrogate(text, i))) {
                clean.append(c);
            }
        }
        if (clean.length() <= maxLength) {
            return clean.toString();
        }
        int cut = maxLength - 1;
        if (cut > 0 && Character.isHighSurrogate(clean.charAt(cut - 1))) {
            cut--;
        }
        return clean.substring(0, Math.max(0, cut)) + "…";
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return false;
    }
}
