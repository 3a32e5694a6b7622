//! The benchmark's types (bench/c_src/bench.h) with Rustler's derives.

use rustler::{Binary, NifMap, NifRecord, NifStruct, NifTaggedEnum, NifUnitEnum};

#[derive(NifStruct)]
#[module = "Bench.Ten"]
pub struct Ten {
    pub id: i64,
    pub seq: i64,
    pub ts: i64,
    pub value: i64,
    pub low: i64,
    pub high: i64,
    pub count: i64,
    pub total: i64,
    pub flags: i64,
    pub crc: i64,
}

#[derive(NifStruct, Clone, Copy)]
#[module = "Bench.Point"]
pub struct Point {
    pub x: i64,
    pub y: i64,
}

#[derive(NifUnitEnum, Clone, Copy)]
pub enum Greek {
    Alpha,
    Beta,
    Gamma,
    Delta,
    Epsilon,
    Zeta,
    Eta,
    Theta,
    Iota,
    Kappa,
    Lambda,
    Mu,
    Nu,
    Xi,
    Omicron,
    Pi,
    Rho,
    Sigma,
    Tau,
    Upsilon,
}

#[derive(NifStruct)]
#[module = "Bench.Mixed"]
pub struct Mixed {
    pub origin: Point,
    pub name: String,
    pub score: f64,
    pub active: bool,
    pub grade: Greek,
}

#[derive(NifMap)]
pub struct Frame {
    pub id: i64,
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub scale: f64,
    pub visible: bool,
    pub layer: u8,
}

#[derive(NifRecord)]
#[tag = "pixel"]
pub struct Pixel {
    pub x: i32,
    pub y: i32,
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

/// Variant order as in bench.h; the benchmark sends the last one, Resize.
#[derive(NifTaggedEnum)]
pub enum Cmd {
    Noop,
    Clear,
    Flush,
    Save,
    Restore,
    BeginPath,
    ClosePath,
    Fill,
    StrokeWidth(f64),
    Layer(i64),
    Label(String),
    Visible(bool),
    Grade(Greek),
    Origin(Point),
    MoveTo(i64, i64),
    LineTo(i64, i64),
    Scale(f64, f64),
    Translate(i64, i64),
    Rect { x: i64, y: i64, w: i64, h: i64 },
    Circle { cx: i64, cy: i64, r: i64 },
    Color { r: u8, g: u8, b: u8, a: u8 },
    Resize { width: u32, height: u32 },
}

impl Cmd {
    /// The variant's position, as the C enum's value.
    pub fn kind(&self) -> i64 {
        match self {
            Cmd::Noop => 0,
            Cmd::Clear => 1,
            Cmd::Flush => 2,
            Cmd::Save => 3,
            Cmd::Restore => 4,
            Cmd::BeginPath => 5,
            Cmd::ClosePath => 6,
            Cmd::Fill => 7,
            Cmd::StrokeWidth(_) => 8,
            Cmd::Layer(_) => 9,
            Cmd::Label(_) => 10,
            Cmd::Visible(_) => 11,
            Cmd::Grade(_) => 12,
            Cmd::Origin(_) => 13,
            Cmd::MoveTo(..) => 14,
            Cmd::LineTo(..) => 15,
            Cmd::Scale(..) => 16,
            Cmd::Translate(..) => 17,
            Cmd::Rect { .. } => 18,
            Cmd::Circle { .. } => 19,
            Cmd::Color { .. } => 20,
            Cmd::Resize { .. } => 21,
        }
    }
}

/// Decoded from a term: the points are owned.
#[derive(NifStruct)]
#[module = "Bench.Path"]
pub struct Path {
    pub points: Vec<Point>,
}

/// Encoded from static points without copying them first.
#[derive(NifStruct)]
#[module = "Bench.Path"]
#[rustler(encode)]
pub struct PathRef<'a> {
    pub points: &'a [Point],
}

/// The binary is borrowed from the term (zero-copy).
#[derive(NifStruct)]
#[module = "Bench.Blob"]
pub struct Blob<'a> {
    pub id: i64,
    pub data: Binary<'a>,
}

#[derive(NifStruct)]
#[module = "Bench.Forty"]
pub struct Forty {
    pub f01: i64,
    pub f02: i64,
    pub f03: i64,
    pub f04: i64,
    pub f05: i64,
    pub f06: i64,
    pub f07: i64,
    pub f08: i64,
    pub f09: i64,
    pub f10: i64,
    pub f11: i64,
    pub f12: i64,
    pub f13: i64,
    pub f14: i64,
    pub f15: i64,
    pub f16: i64,
    pub f17: i64,
    pub f18: i64,
    pub f19: i64,
    pub f20: i64,
    pub f21: i64,
    pub f22: i64,
    pub f23: i64,
    pub f24: i64,
    pub f25: i64,
    pub f26: i64,
    pub f27: i64,
    pub f28: i64,
    pub f29: i64,
    pub f30: i64,
    pub f31: i64,
    pub f32: i64,
    pub f33: i64,
    pub f34: i64,
    pub f35: i64,
    pub f36: i64,
    pub f37: i64,
    pub f38: i64,
    pub f39: i64,
    pub f40: i64,
}
