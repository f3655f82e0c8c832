package social.atoll.api.circles;

import java.util.List;
import social.atoll.core.circle.Circle;

/** kmyblue's Circle entity: {@code id} and {@code title}. */
public record CircleEntity(String id, String title) {

    public static CircleEntity of(Circle c) { return new CircleEntity(Long.toString(c.id()), c.title()); }

    public static List<CircleEntity> all(List<Circle> circles) { return circles.stream().map(CircleEntity::of).toList(); }
}
