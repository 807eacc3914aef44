package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mentorium.adapters.telegram.testing.BotApiStandIn;
import io.mentorium.application.port.out.Messenger;
import io.mentorium.application.port.out.Messenger.SendChart;
import io.mentorium.application.port.out.Messenger.SendResult;
import io.mentorium.domain.report.ReportChart;
import io.mentorium.domain.shared.ChatId;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Report charts: drawn to PNG with XChart at send time and sent as photos through the real client. */
class TelegramChartsTest {

    private static final ChatId ANNA = new ChatId(1001);
    private static final ReportChart WEEK = new ReportChart("Азиза Каримова: минуты занятий по дням", "минуты",
            List.of("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"), "эта неделя", List.of(0, 15, 40, 0, 25, 120, 15),
            "прошлая неделя", List.of(15, 0, 0, 30, 30, 0, 45));
    private static final String CAPTION = "📊 <b>Азиза Каримова</b>: минуты по дням, эта неделя и прошлая";

    private final BotApiStandIn standIn = BotApiStandIn.start();
    private final TelegramApi api = TelegramApi.connect(
            new TelegramSettings(Optional.of(standIn.token()), standIn.baseUri(), 25));

    @AfterEach
    void stop() {
        api.close();
        standIn.close();
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG that ImageIO reads").isNotNull();
        return image;
    }

    private static ReportChart titled(String title) {
        return new ReportChart(title, WEEK.axisTitle(), WEEK.labels(), WEEK.currentName(), WEEK.current(),
                WEEK.previousName(), WEEK.previous());
    }

    /** The pixels of the title's band at the top of the picture. */
    private static int[] titleBand(byte[] png) throws IOException {
        BufferedImage image = decode(png);
        return image.getRGB(0, 0, image.getWidth(), 40, null, 0, image.getWidth());
    }

    @Test
    void aChartIsAPngOfSensibleSize() throws IOException {
        byte[] png = ChartPng.render(WEEK);

        BufferedImage image = decode(png);
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(png.length).isBetween(2_000, 200_000);
    }

    @Test
    void thisMachinesFontsShowCyrillicAndUzbekLatin() {
        assertThat(ChartFonts.installed().unusable()).isEmpty();
        assertThat(new Font(Font.SANS_SERIF, Font.PLAIN, 14).canDisplayUpTo(WEEK.title() + "oʻtgan hafta"))
                .isEqualTo(-1);
    }

    @Test
    void cyrillicTitlesAreDrawnAsTheirOwnLetters() throws IOException {
        // Missing glyphs would all be the same empty box: two different Cyrillic words would then look alike.
        int[] one = titleBand(ChartPng.render(titled("Минуты Азизы")));
        int[] other = titleBand(ChartPng.render(titled("Щётки Бобура")));
        int[] same = titleBand(ChartPng.render(titled("Минуты Азизы")));

        assertThat(one).isEqualTo(same);
        assertThat(one).isNotEqualTo(other);
        assertThat(java.util.Arrays.stream(one).distinct().count()).as("the title is not blank").isGreaterThan(2);
    }

    @Test
    void aChartWithNothingStudiedStillDraws() throws IOException {
        ReportChart empty = new ReportChart("Aziza: minutes of study per day", "minutes", WEEK.labels(),
                "this week", List.of(0, 0, 0, 0, 0, 0, 0), "last week", List.of(0, 0, 0, 0, 0, 0, 0));

        assertThat(decode(ChartPng.render(empty)).getWidth()).isEqualTo(800);
    }

    @Test
    void theChartArrivesAsAPhotoWithItsCaptionThroughTheRealClient() throws IOException {
        TelegramMessenger messenger = new TelegramMessenger(api);

        SendResult result = messenger.send(new SendChart(ANNA, WEEK, CAPTION));

        BotApiStandIn.Photo photo = standIn.awaitPhotos(1001, 1, Duration.ofSeconds(10)).getFirst();
        assertThat(result).isEqualTo(new SendResult.Sent(Optional.of(photo.messageId())));
        assertThat(photo.caption()).isEqualTo(CAPTION);
        assertThat(photo.call().string("parse_mode")).isEqualToIgnoringCase("HTML");
        assertThat(photo.call().has("caption_entities")).as("parse_mode alone").isFalse();
        assertThat(photo.fileName()).isEqualTo("chart.png");
        BufferedImage image = decode(photo.bytes());
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(400);
        assertThat(standIn.sentMessages(1001)).isEmpty();
    }

    @Test
    void aChartDrawnAheadGoesOutWithThePictureDrawnThenAndIsNotDrawnAgain() throws IOException {
        AtomicInteger renders = new AtomicInteger();
        ChartPhotos counted = new ChartPhotos(ChartFonts.installed(), chart -> {
            renders.incrementAndGet();
            return ChartPng.render(chart);
        });
        TelegramMessenger messenger = new TelegramMessenger(api, counted);

        Messenger.Prepared drawn = messenger.prepare(new SendChart(ANNA, WEEK, CAPTION));
        assertThat(renders).as("drawn when prepared").hasValue(1);
        assertThat(standIn.photos(1001)).as("and not sent yet").isEmpty();
        SendResult result = messenger.send(drawn, true);

        BotApiStandIn.Photo photo = standIn.awaitPhotos(1001, 1, Duration.ofSeconds(10)).getFirst();
        assertThat(result).isEqualTo(new SendResult.Sent(Optional.of(photo.messageId())));
        assertThat(renders).hasValue(1);
        assertThat(photo.bytes()).isEqualTo(ChartPng.render(WEEK));
        assertThat(decode(photo.bytes()).getWidth()).isEqualTo(800);
        assertThat(photo.caption()).isEqualTo(CAPTION);
    }

    @Test
    void withoutUsableFontsTheChartGoesOutAsTextAndTheLogSaysWhyOnce() {
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger renders = new AtomicInteger();
        ChartPhotos noFonts = new ChartPhotos(() -> {
            checks.incrementAndGet();
            return Optional.of("the JDK finds no font families");
        }, chart -> {
            renders.incrementAndGet();
            return new byte[0];
        });
        TelegramMessenger messenger = new TelegramMessenger(api, noFonts);
        ListAppender<ILoggingEvent> log = capture();

        SendResult first = messenger.send(new SendChart(ANNA, WEEK, CAPTION));
        SendResult second = messenger.send(new SendChart(ANNA, WEEK, CAPTION));

        assertThat(first).isInstanceOf(SendResult.Sent.class);
        assertThat(second).isInstanceOf(SendResult.Sent.class);
        assertThat(standIn.photos(1001)).isEmpty();
        assertThat(standIn.sentMessages(1001)).hasSize(2).allSatisfy(message -> assertThat(message.text())
                .startsWith(CAPTION + "\n\n<i>эта неделя / прошлая неделя, минуты</i>\n")
                .contains("Пн: <b>0</b> / 15\n", "Сб: <b>120</b> / 0\n")
                .endsWith("Вс: <b>15</b> / 45"));
        assertThat(checks).hasValue(1);
        assertThat(renders).hasValue(0);
        assertThat(log.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .isEqualTo("Report charts are sent as text on this machine: the JDK finds no font families"));
    }

    @Test
    void aChartThatFailsToDrawFallsBackToTextAndTheNextOneIsNotTried() {
        AtomicInteger renders = new AtomicInteger();
        ChartPhotos broken = new ChartPhotos(Optional::empty, chart -> {
            renders.incrementAndGet();
            throw new IllegalStateException("Fontconfig head is null, check your fonts or fonts configuration");
        });
        TelegramMessenger messenger = new TelegramMessenger(api, broken);
        ListAppender<ILoggingEvent> log = capture();

        messenger.send(new SendChart(ANNA, WEEK, CAPTION));
        messenger.send(new SendChart(ANNA, WEEK, CAPTION));

        assertThat(renders).hasValue(1);
        assertThat(standIn.sentMessages(1001)).hasSize(2);
        assertThat(log.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .contains("drawing a chart failed", "Fontconfig head is null"));
    }

    private static ListAppender<ILoggingEvent> capture() {
        Logger logger = (Logger) LoggerFactory.getLogger(ChartPhotos.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        return appender;
    }
}
