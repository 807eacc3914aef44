package io.mentorium.adapters.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class IndexedPngTest {

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG that ImageIO reads").isNotNull();
        return image;
    }

    @Test
    void aPictureOfAFewColoursComesBackPixelForPixel() throws IOException {
        BufferedImage picture = new BufferedImage(300, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                picture.setRGB(x, y, x < 100 ? 0xFFFFFF : x < 200 ? 0x2E7DD1 : (x * 7 + y) % 200 * 0x010101);
            }
        }

        BufferedImage back = decode(IndexedPng.encode(picture));

        assertThat(back.getWidth()).isEqualTo(300);
        assertThat(back.getHeight()).isEqualTo(120);
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                assertThat(back.getRGB(x, y) & 0xFFFFFF).as("pixel %d,%d", x, y)
                        .isEqualTo(picture.getRGB(x, y) & 0xFFFFFF);
            }
        }
    }

    @Test
    void beyondTwoHundredFiftySixColoursTheRareOnesTakeTheirNearestFrequentColour() throws IOException {
        BufferedImage picture = new BufferedImage(400, 100, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                // 200 frequent greys, and a rare slightly bluer neighbour of each in the last row (600 colours).
                int grey = x % 200;
                int rgb = y < 99 ? grey * 0x010101 : (grey << 16) | (grey << 8) | Math.min(255, grey + 3 + x / 200);
                picture.setRGB(x, y, rgb);
            }
        }

        BufferedImage back = decode(IndexedPng.encode(picture));

        for (int x = 0; x < picture.getWidth(); x++) {
            assertThat(back.getRGB(x, 10) & 0xFFFFFF).isEqualTo(picture.getRGB(x, 10) & 0xFFFFFF);
            int original = picture.getRGB(x, 99);
            int mapped = back.getRGB(x, 99);
            assertThat(Math.abs((mapped & 0xFF) - (original & 0xFF))).as("blue of pixel %d", x).isLessThanOrEqualTo(8);
            assertThat(Math.abs(((mapped >> 8) & 0xFF) - ((original >> 8) & 0xFF))).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void theSamePictureAlwaysGivesTheSameFile() {
        BufferedImage picture = new BufferedImage(50, 50, BufferedImage.TYPE_INT_ARGB);
        for (int i = 0; i < 50; i++) {
            picture.setRGB(i, i, 0xFF000000 | i * 0x050301);
        }

        assertThat(IndexedPng.encode(picture)).isEqualTo(IndexedPng.encode(picture));
    }
}
