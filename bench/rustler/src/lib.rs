//! Bench.Rustler: the benchmark's NIFs (bench/c_src/bench.h) written the
//! way a Rustler user writes them: derived conversions, plain functions.
//! Each scenario has `<s>_decode(term) -> small integer`,
//! `<s>_encode() -> term` from a static value and `<s>_roundtrip(term)`.

mod types;

use rustler::{Binary, Env, OwnedBinary};
use std::sync::OnceLock;
use types::*;

const LIST_LENGTH: i64 = 10_000;
const BLOB_SIZE: usize = 1024 * 1024;

#[rustler::nif]
fn ten_decode(v: Ten) -> i64 {
    v.crc
}

#[rustler::nif]
fn ten_encode() -> Ten {
    Ten {
        id: 1,
        seq: 2,
        ts: 3,
        value: 4,
        low: 5,
        high: 6,
        count: 7,
        total: 8,
        flags: 9,
        crc: 10,
    }
}

#[rustler::nif]
fn ten_roundtrip(v: Ten) -> Ten {
    v
}

#[rustler::nif]
fn mixed_decode(v: Mixed) -> i64 {
    v.grade as i64
}

#[rustler::nif]
fn mixed_encode() -> Mixed {
    Mixed {
        origin: Point { x: 3, y: 4 },
        name: "hello nif_derive".to_string(),
        score: 2.5,
        active: true,
        grade: Greek::Upsilon,
    }
}

#[rustler::nif]
fn mixed_roundtrip(v: Mixed) -> Mixed {
    v
}

#[rustler::nif]
fn frame_decode(v: Frame) -> i64 {
    v.id
}

#[rustler::nif]
fn frame_encode() -> Frame {
    Frame {
        id: 7,
        x: -10,
        y: 20,
        width: 800,
        height: 600,
        scale: 1.5,
        visible: true,
        layer: 3,
    }
}

#[rustler::nif]
fn frame_roundtrip(v: Frame) -> Frame {
    v
}

#[rustler::nif]
fn pixel_decode(v: Pixel) -> i64 {
    v.a as i64
}

#[rustler::nif]
fn pixel_encode() -> Pixel {
    Pixel {
        x: 10,
        y: 20,
        r: 255,
        g: 128,
        b: 0,
        a: 255,
    }
}

#[rustler::nif]
fn pixel_roundtrip(v: Pixel) -> Pixel {
    v
}

#[rustler::nif]
fn greek_decode(v: Greek) -> i64 {
    v as i64
}

#[rustler::nif]
fn greek_encode() -> Greek {
    Greek::Upsilon
}

#[rustler::nif]
fn greek_roundtrip(v: Greek) -> Greek {
    v
}

#[rustler::nif]
fn cmd_decode(v: Cmd) -> i64 {
    v.kind()
}

#[rustler::nif]
fn cmd_encode() -> Cmd {
    Cmd::Resize {
        width: 800,
        height: 600,
    }
}

#[rustler::nif]
fn cmd_roundtrip(v: Cmd) -> Cmd {
    v
}

/// The static points, made once (the C side fills them at load).
fn static_points() -> &'static [Point] {
    static POINTS: OnceLock<Vec<Point>> = OnceLock::new();
    POINTS.get_or_init(|| (0..LIST_LENGTH).map(|i| Point { x: i, y: -i }).collect())
}

#[rustler::nif]
fn list_decode(v: Path) -> i64 {
    v.points.len() as i64
}

#[rustler::nif]
fn list_encode() -> PathRef<'static> {
    PathRef {
        points: static_points(),
    }
}

#[rustler::nif]
fn list_roundtrip(v: Path) -> Path {
    v
}

fn static_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| (0..BLOB_SIZE).map(|i| i as u8).collect())
}

#[rustler::nif]
fn blob_decode(v: Blob) -> i64 {
    v.data.len() as i64
}

#[rustler::nif]
fn blob_encode(env: Env) -> Blob {
    let bytes = static_bytes();
    let mut owned = OwnedBinary::new(bytes.len());
    owned.as_mut_slice().copy_from_slice(bytes);
    Blob {
        id: 1,
        data: Binary::from_owned(owned, env),
    }
}

/// The binary goes back as the same term: no copy.
#[rustler::nif]
fn blob_roundtrip(v: Blob) -> Blob {
    v
}

#[rustler::nif]
fn forty_decode(v: Forty) -> i64 {
    v.f40
}

#[rustler::nif]
fn forty_encode() -> Forty {
    Forty {
        f01: 1,
        f02: 2,
        f03: 3,
        f04: 4,
        f05: 5,
        f06: 6,
        f07: 7,
        f08: 8,
        f09: 9,
        f10: 10,
        f11: 11,
        f12: 12,
        f13: 13,
        f14: 14,
        f15: 15,
        f16: 16,
        f17: 17,
        f18: 18,
        f19: 19,
        f20: 20,
        f21: 21,
        f22: 22,
        f23: 23,
        f24: 24,
        f25: 25,
        f26: 26,
        f27: 27,
        f28: 28,
        f29: 29,
        f30: 30,
        f31: 31,
        f32: 32,
        f33: 33,
        f34: 34,
        f35: 35,
        f36: 36,
        f37: 37,
        f38: 38,
        f39: 39,
        f40: 40,
    }
}

#[rustler::nif]
fn forty_roundtrip(v: Forty) -> Forty {
    v
}

rustler::init!("Elixir.Bench.Rustler");
