//! The staff app for workers and managers: their young people, plans, co-fill, safety
//! flags, concerns. Built from `staff.html` into `dist/staff/`, served at `/staff/`.

fn main() {
    my_journey::start_staff();
}
