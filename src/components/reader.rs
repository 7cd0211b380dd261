//! Who is reading a screen both apps show (a young person's journey, goals, feedback):
//! the young person themself, or a worker or manager (`Staff`, in the staff app).

/// Who is reading: the young person it is about, or a worker or manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    TheYoungPerson,
    Staff,
}
