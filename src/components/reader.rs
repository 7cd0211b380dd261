//! Who is reading a screen both apps show (a young person's journey, goals, feedback):
//! the young person themself, or a worker or manager (`Staff`, in the staff app).

/// Who is reading: the young person it is about, or a worker or manager.
///
/// In the young person's app (built with the `young` feature) nobody reads as staff:
/// `Staff` holds a [`StaffOnly`] that cannot exist there, so the compiler knows every
/// reader is the young person and leaves the staff branches of the shared screens out of
/// the young person's download.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    TheYoungPerson,
    // Never made in the young person's app: that is the point.
    #[cfg_attr(feature = "young", allow(dead_code))]
    Staff(StaffOnly),
}

/// Present only in the staff app (see [`Reader`]).
#[cfg(not(feature = "young"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaffOnly;

/// Present only in the staff app (see [`Reader`]): in the young person's app, no value.
#[cfg(feature = "young")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffOnly {}

impl Reader {
    /// A worker or manager, reading in the staff app. Only staff screens ask for one, and
    /// the young person's app links none of them.
    pub fn staff() -> Reader {
        #[cfg(not(feature = "young"))]
        return Reader::Staff(StaffOnly);
        // The young person's app has no staff readers.
        #[cfg(feature = "young")]
        unreachable!()
    }

    pub fn is_staff(self) -> bool {
        matches!(self, Reader::Staff(_))
    }
}
