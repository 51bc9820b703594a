//! Writes the benchmark corpus. Usage:
//!   gen OUT TALKS FILES           notes files for notedeck and the floor
//!   gen --per-talk OUT TALKS      one file per talk, for Marp and Pandoc
//!   gen --huge OUT BULLETS        one talk with that many bullets

#[path = "../../../corpus.rs"]
#[allow(dead_code)]
mod corpus;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| -> usize { args[i].parse().expect("a number") };
    match args.first().map(String::as_str) {
        Some("--huge") => {
            let out = std::path::Path::new(&args[1]);
            std::fs::create_dir_all(out).expect("mkdir");
            std::fs::write(out.join("huge.md"), corpus::huge_talk(num(2))).expect("write");
        }
        Some("--per-talk") => {
            let out = std::path::Path::new(&args[1]);
            std::fs::create_dir_all(out).expect("mkdir");
            let mut n = 0;
            for (_, text) in corpus::corpus(num(2), 1) {
                for talk in text.split("\n## ").skip(1) {
                    n += 1;
                    std::fs::write(out.join(format!("talk-{n:04}.md")), format!("## {talk}"))
                        .expect("write");
                }
            }
        }
        _ => {
            let out = std::path::Path::new(&args[0]);
            std::fs::create_dir_all(out).expect("mkdir");
            for (name, text) in corpus::corpus(num(1), num(2)) {
                std::fs::write(out.join(name), text).expect("write");
            }
        }
    }
}
