package io.mentorium.adapters.telegram;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes a chart's picture as an 8-bit palette PNG with a fast deflate level. A chart is a few flat colours plus the
 * anti-aliased edges of its text and bars, some 400 colours in all; ImageIO's true-colour writer with its default
 * compression spent three times as long as XChart's drawing on each of them. The 256 most frequent colours form the
 * palette and each rarer edge colour takes its nearest palette colour, invisible at a chart's scale; a picture of 256
 * colours or fewer is encoded exactly.
 */
final class IndexedPng {

    /**
     * Level 1 of zlib's nine: on a chart it took a third of the time of the default level for a file about a fifth
     * larger (about 12 KB instead of 9 KB), far below what a photo upload notices.
     */
    static final int DEFLATE_LEVEL = 1;
    private static final int PALETTE = 256;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private IndexedPng() {
    }

    static byte[] encode(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = rgb(image);
        int count = width * height;
        ColourCounts counts = new ColourCounts();
        // Runs of one colour are the rule in a chart: each run is looked up once, in both passes.
        for (int start = 0, end; start < count; start = end) {
            int colour = pixels[start] & 0xFFFFFF;
            end = runEnd(pixels, start, count, colour);
            counts.counts[counts.slot(colour)] += end - start;
        }
        Palette palette = Palette.of(counts);
        byte[] raw = new byte[height * (width + 1)];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int rowEnd = row + width;
            int at = y * (width + 1);
            raw[at++] = 0; // filter type None: palette indices do not predict each other
            for (int start = row, end; start < rowEnd; start = end) {
                int colour = pixels[start] & 0xFFFFFF;
                end = runEnd(pixels, start, rowEnd, colour);
                Arrays.fill(raw, at, at + end - start, palette.indexOf(colour, counts));
                at += end - start;
            }
        }
        return png(width, height, palette.rgb(), raw);
    }

    private static int runEnd(int[] pixels, int start, int limit, int colour) {
        int end = start + 1;
        while (end < limit && (pixels[end] & 0xFFFFFF) == colour) {
            end++;
        }
        return end;
    }

    /**
     * The picture's pixels, colour in the low 24 bits: read in place from an RGB raster where it is one (XChart draws
     * into one), never written.
     */
    private static int[] rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1 && buffer.getData().length == image.getWidth() * image.getHeight()) {
            return buffer.getData();
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    /** An open-addressing map from colour to count, then to palette index. */
    private static final class ColourCounts {

        private static final int EMPTY = -1;
        int[] colours = new int[1024];
        int[] counts = new int[1024];
        int[] index = new int[0];
        int size;

        ColourCounts() {
            Arrays.fill(colours, EMPTY);
        }

        int slot(int colour) {
            int mask = colours.length - 1;
            int slot = mix(colour) & mask;
            while (colours[slot] != EMPTY) {
                if (colours[slot] == colour) {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
            if ((size + 1) * 2 > colours.length) {
                grow();
                return slot(colour);
            }
            colours[slot] = colour;
            size++;
            return slot;
        }

        private void grow() {
            int[] oldColours = colours;
            int[] oldCounts = counts;
            colours = new int[oldColours.length * 2];
            counts = new int[oldColours.length * 2];
            Arrays.fill(colours, EMPTY);
            size = 0;
            for (int i = 0; i < oldColours.length; i++) {
                if (oldColours[i] != EMPTY) {
                    counts[slot(oldColours[i])] = oldCounts[i];
                }
            }
        }

        private static int mix(int colour) {
            int h = colour * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }

    /** Up to 256 colours, and for every colour of the picture its index among them. */
    private record Palette(int[] rgb) {

        static Palette of(ColourCounts counts) {
            int[] slots = new int[counts.size];
            int n = 0;
            for (int i = 0; i < counts.colours.length; i++) {
                if (counts.colours[i] != ColourCounts.EMPTY) {
                    slots[n++] = i;
                }
            }
            // Most frequent first; ties by colour, so that the same picture always gives the same file.
            Integer[] order = Arrays.stream(slots).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> counts.counts[a] != counts.counts[b]
                    ? Integer.compare(counts.counts[b], counts.counts[a])
                    : Integer.compare(counts.colours[a], counts.colours[b]));
            int kept = Math.min(PALETTE, order.length);
            int[] rgb = new int[kept];
            counts.index = new int[counts.colours.length];
            for (int i = 0; i < order.length; i++) {
                int slot = order[i];
                if (i < kept) {
                    rgb[i] = counts.colours[slot];
                    counts.index[slot] = i;
                } else {
                    counts.index[slot] = nearest(counts.colours[slot], rgb);
                }
            }
            return new Palette(rgb);
        }

        byte indexOf(int colour, ColourCounts counts) {
            return (byte) counts.index[counts.slot(colour)];
        }

        private static int nearest(int colour, int[] palette) {
            int best = 0;
            long bestDistance = Long.MAX_VALUE;
            for (int i = 0; i < palette.length; i++) {
                int dr = ((colour >> 16) & 0xFF) - ((palette[i] >> 16) & 0xFF);
                int dg = ((colour >> 8) & 0xFF) - ((palette[i] >> 8) & 0xFF);
                int db = (colour & 0xFF) - (palette[i] & 0xFF);
                long distance = 3L * dr * dr + 4L * dg * dg + 2L * db * db;
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = i;
                }
            }
            return best;
        }
    }

    private static byte[] png(int width, int height, int[] palette, byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per index
        header[9] = 3; // colour type: palette
        chunk(out, "IHDR", header);
        byte[] plte = new byte[palette.length * 3];
        for (int i = 0; i < palette.length; i++) {
            plte[3 * i] = (byte) (palette[i] >> 16);
            plte[3 * i + 1] = (byte) (palette[i] >> 8);
            plte[3 * i + 2] = (byte) palette[i];
        }
        chunk(out, "PLTE", plte);
        chunk(out, "IDAT", deflate(raw));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(DEFLATE_LEVEL);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 16);
            byte[] buffer = new byte[32 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] check = new byte[4];
        putInt(check, 0, (int) crc.getValue());
        out.writeBytes(check);
    }

    private static void putInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >>> 24);
        into[at + 1] = (byte) (value >>> 16);
        into[at + 2] = (byte) (value >>> 8);
        into[at + 3] = (byte) value;
    }
}
