"""A sample article written by the StanceLens team (not copied from any outlet), so a new reader
can try the dashboard without pasting anything. It exercises direct and reported quotes, a quote
split around its attribution, a surname after a full name, pronoun speakers and an unnamed source.
"""

SAMPLE_TITLE = "Envoys trade warnings over sanctions as talks resume in Geneva"

SAMPLE_ARTICLE = """Envoys trade warnings over sanctions as talks resume in Geneva

GENEVA — Russian and American negotiators met again on Tuesday, with the question of sanctions relief hanging over a second day of talks that both sides described as difficult.

Kirill Dmitriev, the head of Russia's sovereign wealth fund, arrived in a confident mood. "At this point, lifting the sanctions is the only sensible path for both economies," Dmitriev told reporters outside the hotel. "American companies are losing billions, and they know it."

He added that several US firms had already asked about returning to the Russian market.

US Secretary of State Marco Rubio struck a very different tone. "There will be no sanctions relief while the war in Ukraine continues," Rubio said. "Pressure is the only language that has worked." He said that Washington would coordinate any next step with its European allies.

European leaders have warned that an early easing would reward aggression. According to Ursula von der Leyen, the European Commission president, the sanctions "must stay in place until there is a just and lasting peace."

Not everyone in Washington agrees. A senior administration official, speaking on condition of anonymity, said the White House was open to "a gradual, step-by-step approach" if a ceasefire held.

Ukrainian President Volodymyr Zelensky rejected that idea. "Any relief now would be a gift to the Kremlin," he said in his nightly address. Zelensky argued that the sanctions were finally starting to bite.

Dmitriev dismissed the criticism. "Sanctions have failed for ten years," he said. "It is time to try business instead of punishment."

The talks are expected to continue on Wednesday.
"""
