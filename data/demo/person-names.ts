// Common English given names and surnames for the synthetic client extract.
// Combined at random, they describe nobody.

export const FEMALE_NAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Lily', 'Chloe', 'Ella', 'Jessica', 'Hannah',
  'Charlotte', 'Lucy', 'Megan', 'Sarah', 'Emma', 'Rebecca', 'Laura', 'Gemma', 'Karen', 'Julie', 'Susan', 'Tracey',
  'Michelle', 'Nicola', 'Joanne', 'Claire', 'Helen', 'Amy', 'Zoe', 'Aisha', 'Fatima', 'Priya', 'Zara', 'Maria',
  'Agnieszka', 'Shannon', 'Paige', 'Margaret',
];

export const MALE_NAMES = [
  'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'Oscar', 'William', 'James', 'Daniel',
  'Matthew', 'Ryan', 'Luke', 'Adam', 'Lewis', 'Craig', 'Lee', 'Darren', 'Paul', 'Mark', 'Stephen', 'Andrew',
  'David', 'Gary', 'Kevin', 'Wayne', 'Dean', 'Callum', 'Kieran', 'Mohammed', 'Imran', 'Arjun', 'Tomasz', 'Jamal',
  'Liam', 'Connor', 'Brian', 'Keith',
];

export const SURNAMES = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson',
  'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan', 'Lewis',
  'James', 'Phillips', 'Mason', 'Mitchell', 'Rose', 'Davis', 'Rodriguez', 'Cox', 'Alexander', 'Morgan', 'Moore',
  'Turner', 'Hill', 'Cooper', 'Ward', 'Morris', 'King', 'Watson', 'Harris', 'Baker', 'Carter', 'Shaw', 'Hughes',
  'Edwards', 'Parker', 'Bennett', 'Lee', 'Scott', 'Young', 'Allen', 'Hussain', 'Begum', 'Ali', 'Ahmed', 'Nowak',
  'Kowalski', "O'Brien", 'Murphy', 'Kelly', 'Marsh', 'Fox', 'Booth', 'Pearson', 'Holmes', 'Webb', 'Barker', 'Lamb',
];
