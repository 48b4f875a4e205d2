//! A QR code's image as Graph returns it (a PNG), read back into its modules: drawn in the
//! terminal with half blocks, and printed on a badge (a PNG with the person's name, school and
//! the day the code ends).

use crate::graph::model::{QrCode, User};
use base64::Engine;
use png::{ColorType, Transformations};

/// The code's modules, row by row (`true` is dark).
pub type Modules = Vec<Vec<bool>>;

/// Reads the modules of a QR code drawn crisply on a light background (Graph's image, or any
/// PNG of one module of whole pixels): the dark area's bounds, the module size from the
/// finder pattern in its top-left corner (7 modules wide), each module sampled at its centre.
pub fn modules(png_bytes: &[u8]) -> Result<Modules, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(Transformations::normalize_to_color8());
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("the QR image is not a PNG: {e}"))?;
    // a QR code is at most 177 modules: an image far larger is not one (and is not decoded)
    let (width, height) = (reader.info().width, reader.info().height);
    if width > 4096 || height > 4096 {
        return Err(format!(
            "the QR image is {width}×{height} pixels, too large to be a QR code"
        ));
    }
    let size = reader
        .output_buffer_size()
        .ok_or("the QR image is too large")?;
    let mut buf = vec![0; size];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| format!("the QR image can't be read: {e}"))?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = match info.color_type {
        ColorType::Grayscale => 1,
        ColorType::GrayscaleAlpha => 2,
        ColorType::Rgb => 3,
        ColorType::Rgba => 4,
        ColorType::Indexed => return Err("the QR image has an unexpected palette".into()),
    };
    let dark = |x: usize, y: usize| {
        let p = &buf[(y * w + x) * channels..];
        let luma = if channels >= 3 {
            (u32::from(p[0]) * 3 + u32::from(p[1]) * 6 + u32::from(p[2])) / 10
        } else {
            u32::from(p[0])
        };
        let opaque = match channels {
            2 => p[1] > 127,
            4 => p[3] > 127,
            _ => true,
        };
        opaque && luma < 128
    };
    let (mut left, mut top, mut right, mut bottom) = (w, h, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if dark(x, y) {
                left = left.min(x);
                right = right.max(x);
                top = top.min(y);
                bottom = bottom.max(y);
            }
        }
    }
    if left > right || top > bottom {
        return Err("the QR image holds no code".into());
    }
    let run = (left..=right).take_while(|&x| dark(x, top)).count();
    let module = run as f64 / 7.0;
    let across = ((right - left + 1) as f64 / module).round() as usize;
    if module < 1.0 || !(21..=177).contains(&across) {
        return Err("the QR image is not a QR code care can read".into());
    }
    Ok((0..across)
        .map(|row| {
            (0..across)
                .map(|col| {
                    let x = left + ((col as f64 + 0.5) * module) as usize;
                    let y = top + ((row as f64 + 0.5) * module) as usize;
                    x < w && y < h && dark(x, y)
                })
                .collect()
        })
        .collect())
}

/// The modules of a code as Graph returned it (its image, base64 PNG), if it came with one.
pub fn of_code(code: &QrCode) -> Option<Result<Modules, String>> {
    let b64 = code.image.as_ref()?.binary_value.as_deref()?;
    Some(
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| format!("the QR image is not base64: {e}"))
            .and_then(|png| modules(&png)),
    )
}

/// A person's badge for `code`: the code, their name, their school, what it is and the day it
/// ends (a temporary code's hour too), as a PNG.
pub fn for_user(user: &User, m: &Modules, code: &QrCode, temporary: bool) -> Vec<u8> {
    let mut lines = vec![crate::output::sanitize(user.name())];
    if let Some(school) = user.office_location.as_deref().filter(|s| !s.is_empty()) {
        lines.push(crate::output::sanitize(school));
    }
    lines.push(
        if temporary {
            "Temporary QR code"
        } else {
            "QR code sign-in"
        }
        .into(),
    );
    let until = code
        .expire_date_time
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map(|t| {
            t.to_zoned_datetime(jiff::tz::TimeZone::system())
                .strftime(if temporary {
                    "%b %-d %Y %H:%M"
                } else {
                    "%b %-d %Y"
                })
                .to_string()
        });
    if let Some(until) = until {
        lines.push(format!("Valid until {until}"));
    }
    badge_png(m, &lines)
}

/// Badges laid out for printing, two across and two down a page: one PNG a page.
pub fn sheets(badges: &[Vec<u8>]) -> Vec<Vec<u8>> {
    badges
        .chunks(4)
        .map(|page| {
            let decoded: Vec<(usize, usize, Vec<u8>)> =
                page.iter().filter_map(|b| grey(b).ok()).collect();
            let cell_w = decoded.iter().map(|d| d.0).max().unwrap_or(1);
            let cell_h = decoded.iter().map(|d| d.1).max().unwrap_or(1);
            let (w, h) = (cell_w * 2, cell_h * 2);
            let mut px = vec![255u8; w * h];
            for (i, (bw, bh, b)) in decoded.iter().enumerate() {
                let (x0, y0) = ((i % 2) * cell_w, (i / 2) * cell_h);
                for y in 0..*bh {
                    let row = (y0 + y) * w + x0;
                    px[row..row + bw].copy_from_slice(&b[y * bw..(y + 1) * bw]);
                }
                // a thin cutting line around each badge
                for x in x0..x0 + cell_w {
                    px[y0 * w + x] = 160;
                }
                for y in y0..y0 + cell_h {
                    px[y * w + x0] = 160;
                }
            }
            encode(w, h, &px)
        })
        .collect()
}

/// The pixels of a printed badge: 200 to the inch.
const DPI: f32 = 200.0;

/// A badge (one of [`for_user`]'s PNGs) as a one-page PDF of its size, the badge printed whole.
pub fn pdf(badge: &[u8]) -> Result<Vec<u8>, String> {
    use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref};
    let (w, h, px) = grey(badge)?;
    let (wpt, hpt) = (w as f32 * 72.0 / DPI, h as f32 * 72.0 / DPI);
    let (catalog, tree, page, image, content) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    let name = Name(b"Badge");
    let mut doc = Pdf::new();
    doc.catalog(catalog).pages(tree);
    doc.pages(tree).kids([page]).count(1);
    let mut p = doc.page(page);
    p.media_box(Rect::new(0.0, 0.0, wpt, hpt));
    p.parent(tree);
    p.contents(content);
    p.resources().x_objects().pair(name, image);
    p.finish();
    let data = miniz_oxide::deflate::compress_to_vec_zlib(&px, 6);
    let mut x = doc.image_xobject(image, &data);
    x.filter(Filter::FlateDecode);
    x.width(w as i32);
    x.height(h as i32);
    x.color_space().device_gray();
    x.bits_per_component(8);
    x.finish();
    let mut c = Content::new();
    c.save_state();
    c.transform([wpt, 0.0, 0.0, hpt, 0.0, 0.0]);
    c.x_object(name);
    c.restore_state();
    doc.stream(content, &c.finish());
    Ok(doc.finish())
}

/// A greyscale PNG's width, height and pixels.
fn grey(png_bytes: &[u8]) -> Result<(usize, usize, Vec<u8>), String> {
    let mut d = png::Decoder::new(std::io::Cursor::new(png_bytes));
    d.set_transformations(Transformations::normalize_to_color8());
    let mut r = d.read_info().map_err(|e| e.to_string())?;
    let mut buf = vec![0; r.output_buffer_size().ok_or("too large")?];
    let info = r.next_frame(&mut buf).map_err(|e| e.to_string())?;
    if info.color_type != ColorType::Grayscale {
        return Err("not a greyscale badge".into());
    }
    buf.truncate(info.width as usize * info.height as usize);
    Ok((info.width as usize, info.height as usize, buf))
}

fn encode(w: usize, h: usize, px: &[u8]) -> Vec<u8> {
    let mut out = vec![];
    {
        let mut enc = png::Encoder::new(&mut out, w as u32, h as u32);
        enc.set_color(ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        if let Ok(mut writer) = enc.write_header() {
            let _ = writer.write_image_data(px);
        }
    }
    out
}

/// The code as lines of text, two module rows a line (`▀`, `▄`, `█`), with a quiet zone of
/// two modules. Light modules are the blocks: a terminal draws text light on dark, so the code
/// comes out dark on light, as a phone's camera reads it.
pub fn terminal(m: &Modules) -> Vec<String> {
    const QUIET: usize = 2;
    let n = m.len();
    let light = |row: isize, col: isize| {
        let inside = (0..n as isize).contains(&row) && (0..n as isize).contains(&col);
        !(inside && m[row as usize][col as usize])
    };
    let q = QUIET as isize;
    let mut lines = vec![];
    let mut row = -q;
    while row < n as isize + q {
        let line: String = (-q..n as isize + q)
            .map(|col| match (light(row, col), light(row + 1, col)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            })
            .collect();
        lines.push(line);
        row += 2;
    }
    lines
}

/// A printable badge: the code (8 pixels a module, a quiet zone of 4) above `lines` of text
/// (the name first, larger), black on white, as a PNG.
pub fn badge_png(m: &Modules, lines: &[String]) -> Vec<u8> {
    const WIDTH: usize = 720;
    const MARGIN: usize = 40;
    let n = m.len();
    let scale = ((WIDTH - 2 * MARGIN) / (n + 8)).max(1);
    let code_side = (n + 8) * scale;
    // each line as large as it may be (the name largest) and still fit the badge's width
    let scales: Vec<usize> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let wanted = if i == 0 { 5 } else { 3 };
            let fits = (WIDTH - 16) / (8 * line.chars().count().max(1));
            wanted.min(fits).max(2)
        })
        .collect();
    let text_height: usize = scales
        .iter()
        .enumerate()
        .map(|(i, s)| s * 8 + if i == 0 { 20 } else { 16 })
        .sum();
    let height = MARGIN + code_side + MARGIN / 2 + text_height + MARGIN;
    let mut px = vec![255u8; WIDTH * height];
    let x0 = (WIDTH - code_side) / 2;
    for (r, row) in m.iter().enumerate() {
        for (c, &dark) in row.iter().enumerate() {
            if dark {
                for dy in 0..scale {
                    let y = MARGIN + (r + 4) * scale + dy;
                    let start = y * WIDTH + x0 + (c + 4) * scale;
                    px[start..start + scale].fill(0);
                }
            }
        }
    }
    let mut y = MARGIN + code_side + MARGIN / 2;
    for (i, (line, s)) in lines.iter().zip(&scales).enumerate() {
        draw_text(&mut px, WIDTH, line, y, *s);
        y += s * 8 + if i == 0 { 20 } else { 16 };
    }
    encode(WIDTH, height, &px)
}

/// One line of text, centred, in the 8×8 font scaled `s` times (Latin letters with accents
/// included; a character it lacks is a `?`); cut at the badge's width.
fn draw_text(px: &mut [u8], width: usize, text: &str, top: usize, s: usize) {
    use font8x8::UnicodeFonts;
    let glyph = |c: char| {
        font8x8::BASIC_FONTS
            .get(c)
            .or_else(|| font8x8::LATIN_FONTS.get(c))
            .or_else(|| font8x8::BASIC_FONTS.get('?'))
            .unwrap_or([0; 8])
    };
    let fits = (width - 16) / (8 * s);
    let mut chars: Vec<char> = text.chars().collect();
    if chars.len() > fits {
        // too long even small: cut, and say so
        chars.truncate(fits.saturating_sub(3));
        chars.extend(['.', '.', '.']);
    }
    let left = (width - chars.len() * 8 * s) / 2;
    for (i, &c) in chars.iter().enumerate() {
        for (gy, bits) in glyph(c).iter().enumerate() {
            for gx in 0..8 {
                if bits & (1 << gx) != 0 {
                    for dy in 0..s {
                        let y = top + gy * s + dy;
                        let start = y * width + left + (i * 8 + gx) * s;
                        if y * width < px.len() && start + s <= px.len() {
                            px[start..start + s].fill(0);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A QR code made the way the sandbox makes Graph's image, read back module for module.
    #[test]
    fn the_modules_of_a_qr_image_are_read_back() {
        let code = qrcode::QrCode::new(b"care badge test").unwrap();
        let n = code.width();
        let colors = code.to_colors();
        let (scale, quiet) = (6, 4);
        let side = (n + 2 * quiet) * scale;
        let mut px = vec![255u8; side * side];
        for (i, c) in colors.iter().enumerate() {
            if *c == qrcode::Color::Dark {
                let (x, y) = (i % n + quiet, i / n + quiet);
                for dy in 0..scale {
                    let row = (y * scale + dy) * side;
                    px[row + x * scale..row + (x + 1) * scale].fill(0);
                }
            }
        }
        let mut png_bytes = vec![];
        {
            let mut enc = png::Encoder::new(&mut png_bytes, side as u32, side as u32);
            enc.set_color(ColorType::Grayscale);
            enc.set_depth(png::BitDepth::Eight);
            enc.write_header().unwrap().write_image_data(&px).unwrap();
        }
        let m = modules(&png_bytes).unwrap();
        assert_eq!(m.len(), n);
        for (i, c) in colors.iter().enumerate() {
            assert_eq!(m[i / n][i % n], *c == qrcode::Color::Dark, "module {i}");
        }
        let lines = terminal(&m);
        assert_eq!(lines.len(), (n + 4).div_ceil(2));
        assert!(lines.iter().all(|l| l.chars().count() == n + 4));
        // the badge holds a code a reader decodes to what it was made of
        let badge = badge_png(&m, &["José Müller".into(), "Central High".into()]);
        let img = {
            let mut d = png::Decoder::new(std::io::Cursor::new(&badge))
                .read_info()
                .unwrap();
            let mut buf = vec![0; d.output_buffer_size().unwrap()];
            let info = d.next_frame(&mut buf).unwrap();
            (info.width as usize, info.height as usize, buf)
        };
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(img.0, img.1, |x, y| img.2[y * img.0 + x]);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, "care badge test");
        assert!(modules(b"not a png").is_err());
    }
}
