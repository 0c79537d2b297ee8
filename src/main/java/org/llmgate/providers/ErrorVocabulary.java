package org.llmgate.providers;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The words a provider uses for an error class in its error types, codes and messages, e.g.
 * Anthropic's {@code overloaded_error} or OpenAI's {@code insufficient_quota}. Phrases are
 * regular expressions found anywhere in the lower-cased type, code and message. Immutable.
 */
public final class ErrorVocabulary {

    public static final ErrorVocabulary NONE = new ErrorVocabulary(Map.of());

    private final Map<ErrorClass, List<String>> phrases;
    private final Map<ErrorClass, Pattern> patterns = new EnumMap<>(ErrorClass.class);

    private ErrorVocabulary(Map<ErrorClass, List<String>> phrases) {
        Map<ErrorClass, List<String>> copy = new EnumMap<>(ErrorClass.class);
        phrases.forEach((errorClass, list) -> copy.put(errorClass, List.copyOf(list)));
        this.phrases = copy;
        copy.forEach((errorClass, list) -> patterns.put(errorClass, Pattern.compile("(?:" + String.join(")|(?:", list) + ")")));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Both vocabularies: a provider that relays other providers' words knows theirs too. */
    public ErrorVocabulary and(ErrorVocabulary other) {
        Map<ErrorClass, List<String>> merged = new EnumMap<>(ErrorClass.class);
        for (ErrorVocabulary vocabulary : List.of(this, other)) {
            vocabulary.phrases.forEach((errorClass, list) ->
                    merged.computeIfAbsent(errorClass, c -> new ArrayList<>()).addAll(list));
        }
        return new ErrorVocabulary(merged);
    }

    /** Whether the lower-cased error text uses one of this class's phrases. */
    public boolean names(ErrorClass errorClass, String searchableText) {
        Pattern pattern = patterns.get(errorClass);
        return pattern != null && pattern.matcher(searchableText).find();
    }

    public static final class Builder {

        private final Map<ErrorClass, List<String>> phrases = new EnumMap<>(ErrorClass.class);

        private Builder() {
        }

        /** Regular expressions, in lower case, that mean this class. */
        public Builder means(ErrorClass errorClass, String... regexes) {
            phrases.computeIfAbsent(errorClass, c -> new ArrayList<>()).addAll(List.of(regexes));
            return this;
        }

        public ErrorVocabulary build() {
            return new ErrorVocabulary(phrases);
        }
    }
}
