package dev.kilo.gateway.routing;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts prompt tokens with a real BPE tokenizer (jtokkit, OpenAI's o200k_base). Other vendors' tokenizers differ
 * by some percent, which the context check absorbs with {@link #SAFETY}. Text beyond {@link #EXACT_CHARS} is
 * estimated from the token-per-character ratio of the counted part, so a 400 KB prompt costs no more than a 64 KB
 * one on the request path.
 */
public final class TokenCounter {

    /** Characters counted exactly per text; the rest is extrapolated at the measured ratio. */
    static final int EXACT_CHARS = 64 * 1024;
    /** Margin for tokenizers that split more finely than o200k_base (Anthropic's, Llama's). */
    public static final double SAFETY = 1.1;
    /** Per-message framing (role, separators), as OpenAI's cookbook counts it. */
    static final int PER_MESSAGE = 4;
    /** A high-detail 1024x1024 image in OpenAI's accounting (4 tiles x 170 + 85); other vendors are similar. */
    static final int PER_IMAGE = 765;

    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private TokenCounter() {
    }

    public static int count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.length() <= EXACT_CHARS) {
            return ENCODING.countTokensOrdinary(text);
        }
        // Cut on a whitespace so the sample does not end inside a word.
        int cut = EXACT_CHARS;
        while (cut > EXACT_CHARS - 256 && !Character.isWhitespace(text.charAt(cut))) {
            cut--;
        }
        int sample = ENCODING.countTokensOrdinary(text.substring(0, cut));
        return (int) Math.ceil((double) sample * text.length() / cut);
    }
}
