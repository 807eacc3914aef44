package io.mentorium.adapters.persistence.demo;

import io.mentorium.adapters.persistence.demo.DemoPlatformData.Course;
import io.mentorium.adapters.persistence.demo.DemoPlatformData.Family;
import io.mentorium.adapters.persistence.demo.DemoPlatformData.Learner;
import io.mentorium.adapters.persistence.demo.DemoPlatformData.LinkCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The rows of one demo install, computed without touching a database: same seed and instant, same rows. */
record DemoDataset(List<Learner> learners, List<Guardian> guardians, List<Code> codes, List<Course> courses,
                   List<Enrollment> enrollments, List<Activity> activities) {

    record Guardian(String learnerId, String email) {
    }

    record Code(String learnerId, String code, Instant expiresAt) {
    }

    record Enrollment(String learnerId, String courseId, Instant enrolledAt, BigDecimal progressPercent) {
    }

    record Activity(long id, String learnerId, String courseId, String kind, String title, BigDecimal score,
                    int durationSeconds, Instant occurredAt) {
    }

    /**
     * How a learner studies. Chances are per day; {@code quietFrom..quietTo} (days before today, inclusive) has no
     * activity at all; nothing happens later than {@code stoppedDaysAgo} days before today.
     */
    private record Profile(double weekdayChance, double weekendChance, int maxActivities, double skill, double trend,
                           int earliestHour, int latestHour, int quietFrom, int quietTo, int stoppedDaysAgo,
                           double durationScale, List<Plan> plans) {
    }

    /** An enrollment: the course and how many days before today it began. */
    private record Plan(String courseId, int enrolledDaysAgo) {
    }

    private static final int LESSONS_PER_COURSE = 60;
    private static final LocalTime LAST_START = LocalTime.of(22, 30);

    private static final Map<String, Profile> PROFILES = Map.of(
            // The model student: something every single day, a streak longer than the whole window.
            "demo-jasur", new Profile(1.0, 1.0, 4, 0.86, 0.02, 15, 20, -1, -1, 0, 1.0, List.of(
                    new Plan("demo-math", 180), new Plan("demo-english", 180), new Plan("demo-python", 40))),
            "demo-malika", new Profile(0.75, 0.35, 2, 0.78, 0.0, 14, 18, -1, -1, 0, 0.6, List.of(
                    new Plan("demo-math", 150), new Plan("demo-english", 150), new Plan("demo-uzbek", 150))),
            // Irregular, ill for five days three weeks ago, getting better; started programming three weeks ago.
            "demo-timur", new Profile(0.55, 0.6, 3, 0.64, 0.14, 16, 21, 22, 26, 0, 1.0, List.of(
                    new Plan("demo-math", 200), new Plan("demo-physics", 200), new Plan("demo-english", 200),
                    new Plan("demo-python", 21))),
            // Steady until a week ago, then nothing at all: the "no activity lately" case.
            "demo-sevara", new Profile(0.7, 0.3, 3, 0.74, 0.0, 15, 20, 0, 7, 0, 0.8, List.of(
                    new Plan("demo-math", 120), new Plan("demo-english", 120), new Plan("demo-uzbek", 120))),
            "demo-anna", new Profile(0.65, 0.5, 3, 0.9, 0.0, 18, 22, -1, -1, 0, 1.0, List.of(
                    new Plan("demo-math", 250), new Plan("demo-physics", 250), new Plan("demo-chemistry", 250),
                    new Plan("demo-english", 250))),
            // Left the platform (inactive) five weeks ago.
            "demo-ivan", new Profile(0.5, 0.3, 2, 0.7, -0.1, 17, 22, -1, -1, 36, 1.0, List.of(
                    new Plan("demo-math", 300), new Plan("demo-physics", 300), new Plan("demo-python", 300))),
            "demo-nodira", new Profile(0.5, 0.15, 2, 0.8, 0.03, 14, 18, -1, -1, 0, 0.5, List.of(
                    new Plan("demo-math", 90), new Plan("demo-english", 90), new Plan("demo-uzbek", 90))));

    private static final Map<String, List<String>> TOPICS = Map.of(
            "math", List.of("Fractions", "Decimals", "Percentages", "Linear equations", "Systems of equations",
                    "Quadratic equations", "Triangles", "Circles", "Functions and graphs", "Probability"),
            "english", List.of("Present Simple", "Past Simple", "Present Perfect", "Irregular verbs",
                    "Reading: short stories", "Listening: daily life", "Vocabulary: school", "Vocabulary: travel",
                    "Writing an e-mail", "Conditionals"),
            "physics", List.of("Motion and speed", "Acceleration", "Newton's laws", "Forces and friction",
                    "Work and energy", "Momentum", "Pressure", "Simple machines", "Density", "Gravity"),
            "uzbek", List.of("Alphabet and spelling", "Nouns and cases", "Verb tenses", "Reading: folk tales",
                    "Dictation", "Vocabulary: family", "Vocabulary: nature", "Poetry of Alisher Navoi", "Composition",
                    "Punctuation"),
            "programming", List.of("Variables and types", "Conditions", "Loops", "Lists", "Functions", "Strings",
                    "Dictionaries", "Files", "Debugging", "Project: a quiz game"),
            "chemistry", List.of("Atoms and molecules", "The periodic table", "Chemical bonds",
                    "Reactions and equations", "Acids and bases", "Solutions", "Oxidation", "Metals",
                    "Organic compounds", "Lab safety"));

    private static final List<String> GENERAL_PRACTICE = List.of(
            "Daily brain teaser", "Speed reading", "Touch typing", "Logic puzzles");

    static DemoDataset generate(long seed, Instant now) {
        Map<String, Course> courses = new HashMap<>();
        DemoPlatformData.COURSES.forEach(c -> courses.put(c.id(), c));
        List<Learner> learners = new ArrayList<>();
        List<Guardian> guardians = new ArrayList<>();
        List<Code> codes = new ArrayList<>();
        List<Enrollment> enrollments = new ArrayList<>();
        List<Activity> activities = new ArrayList<>();
        for (Family family : DemoPlatformData.FAMILIES) {
            for (Learner learner : family.learners()) {
                learners.add(learner);
                family.guardianEmails().forEach(email -> guardians.add(new Guardian(learner.id(), email)));
                for (LinkCode code : learner.codes()) {
                    codes.add(new Code(learner.id(), code.code(), switch (code.expiry()) {
                        case NEVER -> null;
                        case VALID -> now.plus(DemoPlatformData.VALID_CODE_LIFETIME);
                        case EXPIRED -> now.minus(DemoPlatformData.EXPIRED_CODE_AGE);
                    }));
                }
                Profile profile = PROFILES.get(learner.id());
                if (profile == null) {
                    throw new IllegalStateException("no demo profile for " + learner.id());
                }
                // One stream per learner, so adding or changing one learner leaves the others' rows untouched.
                SplittableRandom random = new SplittableRandom(seed ^ (learner.id().hashCode() * 0x9E3779B97F4A7C15L));
                new LearnerHistory(learner, profile, courses, random, now).generate(enrollments, activities);
            }
        }
        activities.sort(Comparator.comparing(Activity::occurredAt).thenComparing(Activity::learnerId));
        List<Activity> numbered = new ArrayList<>(activities.size());
        for (int i = 0; i < activities.size(); i++) {
            Activity a = activities.get(i);
            numbered.add(new Activity(i + 1, a.learnerId(), a.courseId(), a.kind(), a.title(), a.score(),
                    a.durationSeconds(), a.occurredAt()));
        }
        return new DemoDataset(List.copyOf(learners), List.copyOf(guardians), List.copyOf(codes),
                DemoPlatformData.COURSES, List.copyOf(enrollments), List.copyOf(numbered));
    }

    /** One learner's enrollments and activity stream. */
    private static final class LearnerHistory {

        private final Learner learner;
        private final Profile profile;
        private final Map<String, Course> courses;
        private final SplittableRandom random;
        private final Instant now;
        private final ZoneId zone;
        private final LocalDate today;
        private final Map<String, Integer> lessonsDone = new HashMap<>();

        LearnerHistory(Learner learner, Profile profile, Map<String, Course> courses, SplittableRandom random,
                       Instant now) {
            this.learner = learner;
            this.profile = profile;
            this.courses = courses;
            this.random = random;
            this.now = now;
            this.zone = ZoneId.of(learner.timezone());
            this.today = now.atZone(zone).toLocalDate();
        }

        void generate(List<Enrollment> enrollments, List<Activity> activities) {
            List<Instant> enrolledAt = new ArrayList<>();
            for (Plan plan : profile.plans()) {
                // Lessons done before the window: about two a week for as long as the enrollment predates it.
                int weeksBefore = Math.max(0, plan.enrolledDaysAgo() - DemoPlatformData.ACTIVITY_DAYS) / 7;
                int prior = (int) Math.round(weeksBefore * (0.8 + 1.6 * profile.weekdayChance()))
                        + random.nextInt(0, 3);
                lessonsDone.put(plan.courseId(), prior);
                enrolledAt.add(localInstant(today.minusDays(plan.enrolledDaysAgo()),
                        LocalTime.of(9, 0).plusMinutes(random.nextInt(0, 9 * 60))));
            }
            for (int daysAgo = DemoPlatformData.ACTIVITY_DAYS; daysAgo >= 0; daysAgo--) {
                day(daysAgo, activities);
            }
            for (int i = 0; i < profile.plans().size(); i++) {
                String courseId = profile.plans().get(i).courseId();
                double percent = Math.min(100.0, lessonsDone.get(courseId) * 100.0 / LESSONS_PER_COURSE);
                enrollments.add(new Enrollment(learner.id(), courseId, enrolledAt.get(i),
                        BigDecimal.valueOf(percent).setScale(2, RoundingMode.HALF_UP)));
            }
        }

        private void day(int daysAgo, List<Activity> activities) {
            LocalDate date = today.minusDays(daysAgo);
            boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
            // Drawn before any filter so that a quiet spell does not shift the random stream of the other days.
            double roll = random.nextDouble();
            int count = random.nextInt(1, profile.maxActivities() + 1);
            int earliest = weekend ? 10 : profile.earliestHour();
            LocalTime time = LocalTime.of(random.nextInt(earliest, profile.latestHour()), random.nextInt(0, 60));
            if (daysAgo < profile.stoppedDaysAgo()
                    || (daysAgo >= profile.quietFrom() && daysAgo <= profile.quietTo())
                    || roll >= (weekend ? profile.weekendChance() : profile.weekdayChance())) {
                return;
            }
            List<String> available = profile.plans().stream()
                    .filter(p -> p.enrolledDaysAgo() >= daysAgo).map(Plan::courseId).toList();
            double skill = profile.skill()
                    + profile.trend() * (DemoPlatformData.ACTIVITY_DAYS - daysAgo) / DemoPlatformData.ACTIVITY_DAYS;
            for (int i = 0; i < count; i++) {
                Activity activity = activity(available, skill, localInstant(date, time));
                if (activity.occurredAt().isAfter(now) || activity.occurredAt().equals(now)) {
                    return;
                }
                activities.add(activity);
                time = time.plusSeconds(activity.durationSeconds()).plusMinutes(random.nextInt(2, 20));
                if (count >= 3 && i == 0 && random.nextDouble() < 0.4) {
                    time = time.plusHours(random.nextInt(2, 4)); // a second sitting later in the day
                }
                if (time.isAfter(LAST_START) || time.isBefore(LocalTime.of(6, 0))) {
                    return;
                }
            }
        }

        private Activity activity(List<String> available, double skill, Instant start) {
            double kindRoll = random.nextDouble();
            String courseId = available.get(random.nextInt(available.size()));
            String subject = courses.get(courseId).subject();
            List<String> topics = TOPICS.get(subject);
            if (kindRoll < 0.07) {
                int seconds = seconds(10, 25);
                BigDecimal score = random.nextDouble() < 0.65 ? percent(skill, 12) : null;
                return new Activity(0, learner.id(), null, "practice",
                        GENERAL_PRACTICE.get(random.nextInt(GENERAL_PRACTICE.size())), score, seconds,
                        start.plusSeconds(seconds));
            }
            int lessons = lessonsDone.get(courseId);
            String topic = topics.get(Math.max(0, lessons - 1) % topics.size());
            String kind;
            String title;
            BigDecimal score;
            int seconds;
            if (kindRoll < 0.45 || lessons == 0) {
                lessons++;
                lessonsDone.put(courseId, lessons);
                kind = "lesson_completed";
                title = "Lesson " + lessons + ": " + topics.get((lessons - 1) % topics.size());
                score = null;
                seconds = seconds(20, 45);
            } else if (kindRoll < 0.68) {
                kind = "practice";
                title = "Practice: " + topic;
                score = random.nextDouble() < 0.65 ? percent(skill, 12) : null;
                seconds = seconds(10, 30);
            } else if (kindRoll < 0.86) {
                kind = "quiz_completed";
                title = "Quiz: " + topic;
                score = quiz(skill);
                seconds = seconds(5, 20);
            } else {
                kind = "homework_submitted";
                title = "Homework: " + topic;
                score = percent(skill, 9);
                seconds = seconds(20, 60);
            }
            return new Activity(0, learner.id(), courseId, kind, title, score, seconds, start.plusSeconds(seconds));
        }

        private int seconds(int minMinutes, int maxMinutes) {
            int minutes = (int) Math.max(3, Math.round(random.nextInt(minMinutes, maxMinutes + 1)
                    * profile.durationScale()));
            return minutes * 60 + random.nextInt(0, 60);
        }

        /** A quiz of n questions, each answered right with the learner's current skill. */
        private BigDecimal quiz(double skill) {
            int[] sizes = {5, 8, 10, 12, 15, 20};
            int questions = sizes[random.nextInt(sizes.length)];
            double p = Math.clamp(skill + random.nextGaussian() * 0.08, 0.05, 1.0);
            int right = 0;
            for (int q = 0; q < questions; q++) {
                if (random.nextDouble() < p) {
                    right++;
                }
            }
            return BigDecimal.valueOf(right * 100L).divide(BigDecimal.valueOf(questions), 2, RoundingMode.HALF_UP);
        }

        private BigDecimal percent(double skill, double spread) {
            long value = Math.clamp(Math.round(skill * 100 + random.nextGaussian() * spread), 10, 100);
            return BigDecimal.valueOf(value).setScale(2, RoundingMode.UNNECESSARY);
        }

        private Instant localInstant(LocalDate date, LocalTime time) {
            return ZonedDateTime.of(date, time, zone).toInstant();
        }
    }
}
