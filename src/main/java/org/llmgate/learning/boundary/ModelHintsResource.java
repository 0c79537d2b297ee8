package org.llmgate.learning.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.llmgate.learning.store.ModelHintsTable;
import org.llmgate.learning.store.ModelLearning;
import org.llmgate.learning.store.ModelHintView;
import org.llmgate.platform.JsonFields;
import org.llmgate.platform.problem.ProblemException;

/** What llmgate learned per model (SPEC §6, §8), and the admin's hand on the blacklist. */
@Path("admin/model-hints")
@Produces(MediaType.APPLICATION_JSON)
public class ModelHintsResource {

    @Inject
    ModelLearning hints;
    @Inject
    ModelHintsTable store;

    /** Worst first by default: the models that fail most are what an admin looks for. */
    @GET
    public List<ModelHintView> list(@QueryParam("sort") String sort) {
        return matrix(store, sort);
    }

    @POST
    @Path("{id}/blacklist")
    @Consumes(MediaType.APPLICATION_JSON)
    public ModelHintView blacklist(@PathParam("id") long id, String body) {
        JsonFields fields = JsonFields.parse(body).allowOnly(java.util.Set.of("reason"));
        String reason = fields.requiredString("reason", 300);
        fields.validate();
        ModelHintsTable.StoredHint hint = find(id);
        hints.book().blacklist(hint.hint().key(), reason, Instant.now());
        return ModelHintView.of(find(id));
    }

    @POST
    @Path("{id}/clear")
    public ModelHintView clear(@PathParam("id") long id) {
        ModelHintsTable.StoredHint hint = find(id);
        hints.book().clear(hint.hint().key(), Instant.now());
        return ModelHintView.of(find(id));
    }

    public static List<ModelHintView> matrix(ModelHintsTable store, String sort) {
        return matrix(store.all().stream().map(ModelHintView::of).toList(), sort);
    }

    /** The hints in the order {@code sort} names; an unknown sort is a 400. */
    public static List<ModelHintView> matrix(List<ModelHintView> hints, String sort) {
        Comparator<ModelHintView> order = switch (sort == null ? "successRate" : sort) {
            case "successRate" -> Comparator.comparing((ModelHintView h) -> h.successRate() == null ? 1.0 : h.successRate())
                    .thenComparing(ModelHintView::errorCount, Comparator.reverseOrder());
            case "errors" -> Comparator.comparing(ModelHintView::errorCount, Comparator.reverseOrder());
            case "model" -> Comparator.comparing(ModelHintView::provider).thenComparing(ModelHintView::modelId);
            default -> throw ProblemException.invalidField("sort", "must be successRate, errors or model");
        };
        return hints.stream().sorted(order).toList();
    }

    private ModelHintsTable.StoredHint find(long id) {
        return store.find(id).orElseThrow(() -> ProblemException.notFound("model hint", id));
    }
}
