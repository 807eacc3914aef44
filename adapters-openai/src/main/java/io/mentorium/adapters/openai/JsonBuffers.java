package io.mentorium.adapters.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;

/**
 * Jackson's working buffers for the answers, shared by all of them. Jackson keeps them per thread by default, and
 * every answer runs on a virtual thread of its own: each answer allocated a fresh set (about 20 KB: the parser's
 * character buffers, the request writer's byte buffers) that lived as long as the answer. With 2,000 answers
 * streaming that was some 2,000 sets alive at once (a class histogram of the bot in a wave counted 2,088 recyclers),
 * promoted by the young collections and filling the old generation. A parser or writer holds a set only while it
 * runs, without blocking, so a few dozen serve all the answers; the bound keeps what stays pooled small should many
 * ever be taken at once (beyond it, a set is made and dropped as before).
 */
final class JsonBuffers {

    static final RecyclerPool<BufferRecycler> POOL = JsonRecyclerPools.newBoundedPool(64);

    private JsonBuffers() {
    }

    /** A factory drawing its buffers from {@link #POOL}. */
    static JsonFactory factory() {
        return new JsonFactory().setRecyclerPool(POOL);
    }
}
