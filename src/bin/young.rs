//! The young person's app: My Journey, goals, feedback, check-ins, help, signing in.
//! Built from `index.html` into `dist/`, served at `/`.

fn main() {
    my_journey::start_young();
}
